// Generate a video with Wan as an asynchronous task (Go net/http).
// Reads the API key from DASHSCOPE_API_KEY; submits the task, polls it until it ends and prints the result, or prints the error and exits non-zero.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

const apiURL = "https://dashscope-us.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis"

// The JSON request body.
const requestBody = `{
  "model": "wan2.2-t2v-plus",
  "input": {
    "prompt": "A kitten runs across a sunny meadow, chasing a butterfly."
  },
  "parameters": {
    "size": "1920*1080",
    "duration": 5
  }
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
	req.Header.Set("X-DashScope-Async", "enable")

	// The default transport honours HTTPS_PROXY; give up after 60 seconds.
	client := &http.Client{Timeout: 60 * time.Second}
	reply := send(client, req)

	// The answer names the task: poll it until it ends.
	var submitted any
	if err := json.Unmarshal(reply, &submitted); err != nil {
		fmt.Fprintln(os.Stderr, "Cannot parse the answer:", err)
		os.Exit(1)
	}
	taskID, ok := textAt(submitted, "output", "task_id")
	if !ok || taskID == "" {
		fmt.Fprintln(os.Stderr, "The answer holds no task id:", string(reply))
		os.Exit(1)
	}
	pollURL := "https://dashscope-us.aliyuncs.com/api/v1/tasks/" + url.PathEscape(taskID)
	deadline := time.Now().Add(600 * time.Second)
	for {
		time.Sleep(1 * time.Second)
		poll, err := http.NewRequest("GET", pollURL, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "Cannot build the request:", err)
			os.Exit(1)
		}
		poll.Header.Set("Authorization", "Bearer "+apiKey)
		reply := send(client, poll)
		var task any
		if err := json.Unmarshal(reply, &task); err != nil {
			fmt.Fprintln(os.Stderr, "Cannot parse the answer:", err)
			os.Exit(1)
		}
		state, _ := textAt(task, "output", "task_status")
		switch state {
		case "SUCCEEDED":
			fmt.Println(string(reply))
			return
		case "FAILED", "CANCELED", "UNKNOWN":
			fmt.Fprintln(os.Stderr, "The task failed:", string(reply))
			os.Exit(1)
		}
		// Any other state means the task is still running.
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "The task did not finish within 600 seconds.")
			os.Exit(1)
		}
	}
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
