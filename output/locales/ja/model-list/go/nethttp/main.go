// 利用できるモデルを一覧表示する（Go net/http）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

const apiURL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/models"

func main() {
	// API キーは環境変数から読み取ります。コードに直接書かないでください。
	apiKey := os.Getenv("DASHSCOPE_API_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")
		os.Exit(1)
	}

	req, err := http.NewRequest("GET", apiURL, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "リクエストを作成できません:", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)

	// 既定のトランスポートは HTTPS_PROXY に従います。60 秒でタイムアウトします。
	client := &http.Client{Timeout: 60 * time.Second}
	reply := send(client, req)
	fmt.Println(string(reply))
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
