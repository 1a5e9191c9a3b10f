// Send a form "$(id)" `x` ${x} */ ?> (Go net/http).
// Reads the API key from ACME_SMS_KEY; prints the reply, or the error body and exits non-zero.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

const apiURL = "https://sms.acme-telecom.net/v1/accounts/a%2Fb%20c%3Fd%23e%25f%22g%27h/messages?note=x%26y%3Dz%20%22q%22%20%27r%27%20%24%7Bs%7D%20%24%28t%29%20%5Cu0041%20%E4%B8%AD%E6%96%87"

func main() {
	// Read the API key from the environment; never write it into the code.
	apiKey := os.Getenv("ACME_SMS_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "Set the ACME_SMS_KEY environment variable to your API key.")
		os.Exit(1)
	}

	// The API takes the key in the query string, percent-encoded.
	requestURL := apiURL + "&api_key=" + url.QueryEscape(apiKey)
	// The form fields, sent URL-encoded (application/x-www-form-urlencoded).
	form := url.Values{}
	form.Add("to \"who\"", "+1 555 0100")
	form.Add("from", "Acme & Co; $(id) `id` ${HOME} #{x} {{7*7}} %s")
	form.Add("body\nline", "line1\nline2\r\n\ttab \\ back'slash\" 😀 \u202e")
	form.Add("flash", "false")
	form.Add("count", "3")
	req, err := http.NewRequest("POST", requestURL, strings.NewReader(form.Encode()))
	if err != nil {
		fmt.Fprintln(os.Stderr, "Cannot build the request:", err)
		os.Exit(1)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")

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
