// 以异步任务方式用 Wan 生成视频（Go net/http）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，提交任务并轮询直到结束，然后输出结果；失败时输出错误并以非零状态退出。
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

const apiURL = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis"

// JSON 请求正文。
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
	// 从环境变量读取 API 密钥；切勿将其写入代码。
	apiKey := os.Getenv("DASHSCOPE_API_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")
		os.Exit(1)
	}

	req, err := http.NewRequest("POST", apiURL, strings.NewReader(requestBody))
	if err != nil {
		fmt.Fprintln(os.Stderr, "无法构建请求：", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-DashScope-Async", "enable")

	// 默认传输遵循 HTTPS_PROXY；60 秒后超时。
	client := &http.Client{Timeout: 60 * time.Second}
	reply := send(client, req)

	// 响应中给出了任务：轮询直到任务结束。
	var submitted any
	if err := json.Unmarshal(reply, &submitted); err != nil {
		fmt.Fprintln(os.Stderr, "无法解析响应：", err)
		os.Exit(1)
	}
	taskID, ok := textAt(submitted, "output", "task_id")
	if !ok || taskID == "" {
		fmt.Fprintln(os.Stderr, "响应中没有任务 ID：", string(reply))
		os.Exit(1)
	}
	pollURL := "https://dashscope-intl.aliyuncs.com/api/v1/tasks/" + url.PathEscape(taskID)
	deadline := time.Now().Add(600 * time.Second)
	for {
		time.Sleep(1 * time.Second)
		poll, err := http.NewRequest("GET", pollURL, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "无法构建请求：", err)
			os.Exit(1)
		}
		poll.Header.Set("Authorization", "Bearer "+apiKey)
		reply := send(client, poll)
		var task any
		if err := json.Unmarshal(reply, &task); err != nil {
			fmt.Fprintln(os.Stderr, "无法解析响应：", err)
			os.Exit(1)
		}
		state, _ := textAt(task, "output", "task_status")
		switch state {
		case "SUCCEEDED":
			fmt.Println(string(reply))
			return
		case "FAILED", "CANCELED", "UNKNOWN":
			fmt.Fprintln(os.Stderr, "任务失败：", string(reply))
			os.Exit(1)
		}
		// 其他任何状态都表示任务仍在运行。
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "任务未在 600 秒内结束。")
			os.Exit(1)
		}
	}
}

// send 发送 req 并返回响应正文；失败时输出错误（API 的错误正文）并退出。
func send(client *http.Client, req *http.Request) []byte {
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "请求失败：", err)
		os.Exit(1)
	}
	reply, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "无法读取响应：", err)
		os.Exit(1)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// API 返回了错误状态：输出其错误正文。
		fmt.Fprintf(os.Stderr, "HTTP %d: %s\n", resp.StatusCode, reply)
		os.Exit(1)
	}
	return reply
}

// textAt 返回已解码 JSON 中 path（对象键和数组下标）处的文本。
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
