// Stream a reply with the Responses API (Go net/http).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams, or the error body and exits non-zero.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

const apiURL = "https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses"

// The JSON request body.
const requestBody = `{
  "model": "qwen-plus",
  "instructions": "Answer in one sentence.",
  "input": "What can the Responses API do?",
  "stream": true
}`

func main() {
	// Read the API key from the environment; never write it into the code.
	apiKey := os.Getenv("DASHSCOPE_API_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "Set the DASHSCOPE_API_KEY environment variable to your API key.")
		os.Exit(1)
	}

	req, err := http.NewRequest("POST", apiURL, strings.NewReader(requestBody))
	if err != nil {
		fmt.Fprintln(os.Stderr, "Cannot build the request:", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("Content-Type", "application/json")

	// The default transport honours HTTPS_PROXY; give up if the answer does not start within 60 seconds.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.ResponseHeaderTimeout = 60 * time.Second
	client := &http.Client{Transport: transport}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Request failed:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The API answered with an error status: print its error body.
		reply, err := io.ReadAll(resp.Body)
		if err != nil {
			fmt.Fprintln(os.Stderr, "Cannot read the response:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "HTTP %d: %s\n", resp.StatusCode, reply)
		os.Exit(1)
	}

	// The answer is server-sent events: print the text piece of each event as it arrives.
	// os.Stdout is not buffered, so every piece shows at once.
	scanner := bufio.NewScanner(resp.Body)
	// Allow events of up to 16 MiB (the default limit is 64 KiB).
	scanner.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for scanner.Scan() {
		line := scanner.Text()
		if !strings.HasPrefix(line, "data:") {
			// Skip the blank line after each event.
			continue
		}
		data := strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " ")
		if data == "[DONE]" {
			break
		}
		var parsed any
		if err := json.Unmarshal([]byte(data), &parsed); err != nil {
			fmt.Fprintln(os.Stderr, "Cannot parse an event:", err)
			os.Exit(1)
		}
		// An error event inside the stream ends it: print the event and exit non-zero.
		if object, ok := parsed.(map[string]any); ok && object["error"] != nil {
			fmt.Println()
			fmt.Fprintln(os.Stderr, data)
			os.Exit(1)
		}
		if piece, ok := textAt(parsed, "delta"); ok {
			fmt.Print(piece)
		}
	}
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "Cannot read the response:", err)
		os.Exit(1)
	}
	fmt.Println()
}

// textAt returns the text at path (object keys and array indexes) in decoded JSON.
func textAt(value any, path ...any) (string, bool) {
	for _, step := range path {
		switch step := step.(type) {
		case string:
			object, ok := value.(map[string]any)
			if !ok {
				return "", false
			}
			value = object[step]
		case int:
			array, ok := value.([]any)
			if !ok || step >= len(array) {
				return "", false
			}
			value = array[step]
		}
	}
	text, ok := value.(string)
	return text, ok
}
