// 非同期タスクとして Wan で動画を生成する（Go net/http）。
// API キーを DASHSCOPE_API_KEY から読み込み、タスクを送信して終了するまでポーリングし、結果を出力します。失敗した場合はエラーを出力し、0 以外で終了します。
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

// JSON のリクエスト本文。
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
	// API キーは環境変数から読み取ります。コードに直接書かないでください。
	apiKey := os.Getenv("DASHSCOPE_API_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")
		os.Exit(1)
	}

	req, err := http.NewRequest("POST", apiURL, strings.NewReader(requestBody))
	if err != nil {
		fmt.Fprintln(os.Stderr, "リクエストを作成できません:", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-DashScope-Async", "enable")

	// 既定のトランスポートは HTTPS_PROXY に従います。60 秒でタイムアウトします。
	client := &http.Client{Timeout: 60 * time.Second}
	reply := send(client, req)

	// 応答にタスクが示されます。終了するまでポーリングします。
	var submitted any
	if err := json.Unmarshal(reply, &submitted); err != nil {
		fmt.Fprintln(os.Stderr, "応答を解析できません:", err)
		os.Exit(1)
	}
	taskID, ok := textAt(submitted, "output", "task_id")
	if !ok || taskID == "" {
		fmt.Fprintln(os.Stderr, "応答にタスク ID がありません:", string(reply))
		os.Exit(1)
	}
	pollURL := "https://dashscope-intl.aliyuncs.com/api/v1/tasks/" + url.PathEscape(taskID)
	deadline := time.Now().Add(600 * time.Second)
	for {
		time.Sleep(1 * time.Second)
		poll, err := http.NewRequest("GET", pollURL, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "リクエストを作成できません:", err)
			os.Exit(1)
		}
		poll.Header.Set("Authorization", "Bearer "+apiKey)
		reply := send(client, poll)
		var task any
		if err := json.Unmarshal(reply, &task); err != nil {
			fmt.Fprintln(os.Stderr, "応答を解析できません:", err)
			os.Exit(1)
		}
		state, _ := textAt(task, "output", "task_status")
		switch state {
		case "SUCCEEDED":
			fmt.Println(string(reply))
			return
		case "FAILED", "CANCELED", "UNKNOWN":
			fmt.Fprintln(os.Stderr, "タスクが失敗しました:", string(reply))
			os.Exit(1)
		}
		// それ以外の状態は、タスクがまだ実行中であることを示します。
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "タスクが 600 秒以内に終了しませんでした。")
			os.Exit(1)
		}
	}
}

// send は req を送信して応答の本文を返します。失敗した場合はエラー（API のエラー本文）を出力して終了します。
func send(client *http.Client, req *http.Request) []byte {
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "リクエストが失敗しました:", err)
		os.Exit(1)
	}
	reply, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "レスポンスを読み取れません:", err)
		os.Exit(1)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// API がエラーステータスを返しました。エラー本文を出力します。
		fmt.Fprintf(os.Stderr, "HTTP %d: %s\n", resp.StatusCode, reply)
		os.Exit(1)
	}
	return reply
}

// textAt はデコード済み JSON の path（オブジェクトのキーと配列の添字）にあるテキストを返します。
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
