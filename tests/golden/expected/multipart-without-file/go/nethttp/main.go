// Start a batch from fields only (Go net/http).
// Reads the API key from ACME_MEDIA_KEY; prints the reply, or the error body and exits non-zero.
package main

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"strings"
	"time"
)

const apiURL = "https://upload.acme-media.com/v3/batches"

func main() {
	// Read the API key from the environment; never write it into the code.
	apiKey := os.Getenv("ACME_MEDIA_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "Set the ACME_MEDIA_KEY environment variable to your API key.")
		os.Exit(1)
	}

	body, contentType, err := multipartBody()
	if err != nil {
		fmt.Fprintln(os.Stderr, "Cannot read a file to upload:", err)
		os.Exit(1)
	}
	req, err := http.NewRequest("POST", apiURL, body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Cannot build the request:", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("X-Trace", "")
	req.Header.Set("Content-Type", contentType)

	// The default transport honours HTTPS_PROXY; give up after 60 seconds.
	client := &http.Client{Timeout: 60 * time.Second}
	reply := send(client, req)
	fmt.Println(string(reply))
}

// send sends req and returns the answer's body; on a failure it prints the error (the API's error body) and exits.
func send(client *http.Client, req *http.Request) []byte {
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Request failed:", err)
		os.Exit(1)
	}
	reply, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "Cannot read the response:", err)
		os.Exit(1)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The API answered with an error status: print its error body.
		fmt.Fprintf(os.Stderr, "HTTP %d: %s\n", resp.StatusCode, reply)
		os.Exit(1)
	}
	return reply
}

// multipartBody builds the multipart/form-data body (the text fields, then each file read from the current folder) and returns it with its Content-Type.
func multipartBody() (*bytes.Buffer, string, error) {
	body := &bytes.Buffer{}
	writer := multipart.NewWriter(body)
	if err := writeField(writer, "purpose", "batch"); err != nil {
		return nil, "", err
	}
	if err := writeField(writer, "note", "two\nlines"); err != nil {
		return nil, "", err
	}
	if err := writer.Close(); err != nil {
		return nil, "", err
	}
	return body, writer.FormDataContentType(), nil
}

// nameEscaper writes a name in a Content-Disposition header as browsers do: a quote, CR and LF percent-encoded, nothing else changed.
var nameEscaper = strings.NewReplacer(`"`, "%22", "\r", "%0D", "\n", "%0A")

// writeField adds the text field name with its value (multipart.Writer.WriteField would not escape line breaks in the name).
func writeField(writer *multipart.Writer, name, value string) error {
	header := make(textproto.MIMEHeader)
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, nameEscaper.Replace(name)))
	part, err := writer.CreatePart(header)
	if err != nil {
		return err
	}
	_, err = io.WriteString(part, value)
	return err
}

// addFile adds the file at path as the form field field, with the file name path and the given content type.
func addFile(writer *multipart.Writer, field, path, contentType string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	header := make(textproto.MIMEHeader)
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
		nameEscaper.Replace(field), nameEscaper.Replace(path)))
	header.Set("Content-Type", contentType)
	part, err := writer.CreatePart(header)
	if err != nil {
		return err
	}
	_, err = part.Write(data)
	return err
}
