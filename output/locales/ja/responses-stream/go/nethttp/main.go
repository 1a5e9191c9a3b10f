// Responses API で返答をストリーミングする（Go net/http）。
// DASHSCOPE_API_KEY から API キーを読み取り、ストリーミングで届く応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
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

// JSON のリクエスト本文。
const requestBody = `{
  "model": "qwen-plus",
  "instructions": "Answer in one sentence.",
  "input": "What can the Responses API do?",
  "stream": true
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

	// 既定のトランスポートは HTTPS_PROXY に従います。60 秒以内に応答が始まらなければあきらめます。
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.ResponseHeaderTimeout = 60 * time.Second
	client := &http.Client{Transport: transport}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "リクエストが失敗しました:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// API がエラーステータスを返しました。エラー本文を出力します。
		reply, err := io.ReadAll(resp.Body)
		if err != nil {
			fmt.Fprintln(os.Stderr, "レスポンスを読み取れません:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "HTTP %d: %s\n", resp.StatusCode, reply)
		os.Exit(1)
	}

	// 応答は Server-Sent Events です。各イベントのテキスト断片を届いた順に出力します。
	// os.Stdout はバッファリングされないため、各断片はすぐに表示されます。
	scanner := bufio.NewScanner(resp.Body)
	// 最大 16 MiB のイベントを受け付けます（既定の上限は 64 KiB）。
	scanner.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for scanner.Scan() {
		line := scanner.Text()
		if !strings.HasPrefix(line, "data:") {
			// 各イベントの後の空行を読み飛ばします。
			continue
		}
		data := strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " ")
		if data == "[DONE]" {
			break
		}
		var parsed any
		if err := json.Unmarshal([]byte(data), &parsed); err != nil {
			fmt.Fprintln(os.Stderr, "イベントを解析できません:", err)
			os.Exit(1)
		}
		// ストリーム内のエラーイベントでストリームは終わります。イベントを出力し、0 以外で終了します。
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
		fmt.Fprintln(os.Stderr, "レスポンスを読み取れません:", err)
		os.Exit(1)
	}
	fmt.Println()
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
