// 用 Responses API 流式获取回复（Go net/http）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，流式输出回复；出错时输出错误正文并以非零状态退出。
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

const apiURL = "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses"

// JSON 请求正文。
const requestBody = `{
  "model": "qwen-plus",
  "instructions": "Answer in one sentence.",
  "input": "What can the Responses API do?",
  "stream": true
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

	// 默认传输遵循 HTTPS_PROXY；若 60 秒内应答未开始则放弃。
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.ResponseHeaderTimeout = 60 * time.Second
	client := &http.Client{Transport: transport}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "请求失败：", err)
		os.Exit(1)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// API 返回了错误状态：输出其错误正文。
		reply, err := io.ReadAll(resp.Body)
		if err != nil {
			fmt.Fprintln(os.Stderr, "无法读取响应：", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "HTTP %d: %s\n", resp.StatusCode, reply)
		os.Exit(1)
	}

	// 应答是服务器发送事件：按到达顺序输出每个事件的文本片段。
	// os.Stdout 没有缓冲，因此每个片段都会立即显示。
	scanner := bufio.NewScanner(resp.Body)
	// 允许最大 16 MiB 的事件（默认上限为 64 KiB）。
	scanner.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for scanner.Scan() {
		line := scanner.Text()
		if !strings.HasPrefix(line, "data:") {
			// 跳过每个事件之后的空行。
			continue
		}
		data := strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " ")
		if data == "[DONE]" {
			break
		}
		var parsed any
		if err := json.Unmarshal([]byte(data), &parsed); err != nil {
			fmt.Fprintln(os.Stderr, "无法解析事件：", err)
			os.Exit(1)
		}
		// 流中的错误事件会结束流：输出该事件并以非零状态退出。
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
		fmt.Fprintln(os.Stderr, "无法读取响应：", err)
		os.Exit(1)
	}
	fmt.Println()
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
