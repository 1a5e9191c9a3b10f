// 取消批处理任务（Go net/http）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

const apiURL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/batches/batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/cancel"

func main() {
	// 从环境变量读取 API 密钥；切勿将其写入代码。
	apiKey := os.Getenv("DASHSCOPE_API_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")
		os.Exit(1)
	}

	req, err := http.NewRequest("POST", apiURL, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "无法构建请求：", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)

	// 默认传输遵循 HTTPS_PROXY；60 秒后超时。
	client := &http.Client{Timeout: 60 * time.Second}
	reply := send(client, req)
	fmt.Println(string(reply))
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
