// Create a reply with the Responses API (Go net/http).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.
package main

import (
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
  "input": "What can the Responses API do?"
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
