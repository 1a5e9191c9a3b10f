// ドキュメント抽出用にファイルをアップロードする（Go net/http）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
package main

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"strings"
	"time"
)

const apiURL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files"

func main() {
	// API キーは環境変数から読み取ります。コードに直接書かないでください。
	apiKey := os.Getenv("DASHSCOPE_API_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")
		os.Exit(1)
	}

	body, contentType, err := multipartBody()
	if err != nil {
		fmt.Fprintln(os.Stderr, "アップロードするファイルを読み込めません:", err)
		os.Exit(1)
	}
	req, err := http.NewRequest("POST", apiURL, body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "リクエストを作成できません:", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("Content-Type", contentType)

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

// multipartBody は multipart/form-data の本文（テキストフィールドと、カレントフォルダーから読み込んだ各ファイル）を組み立て、その Content-Type とともに返します。
func multipartBody() (*bytes.Buffer, string, error) {
	body := &bytes.Buffer{}
	writer := multipart.NewWriter(body)
	if err := writeField(writer, "purpose", "file-extract"); err != nil {
		return nil, "", err
	}
	if err := addFile(writer, "file", "report.txt", "text/plain"); err != nil {
		return nil, "", err
	}
	if err := writer.Close(); err != nil {
		return nil, "", err
	}
	return body, writer.FormDataContentType(), nil
}

// nameEscaper は Content-Disposition ヘッダーの名前をブラウザーと同じように書きます。引用符、CR、LF をパーセントエンコードし、それ以外は変えません。
var nameEscaper = strings.NewReplacer(`"`, "%22", "\r", "%0D", "\n", "%0A")

// writeField はテキストフィールド name を値とともに追加します（multipart.Writer.WriteField は名前の改行をエスケープしません）。
func writeField(writer *multipart.Writer, name, value string) error {
	header := make(textproto.MIMEHeader)
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, nameEscaper.Replace(name)))
	part, err := writer.CreatePart(header)
	if err != nil {
		return err
	}
	_, err = io.WriteString(part, value)
	return err
}

// addFile は path のファイルを、ファイル名 path と指定のコンテンツタイプでフォームフィールド field として追加します。
func addFile(writer *multipart.Writer, field, path, contentType string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	header := make(textproto.MIMEHeader)
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
		nameEscaper.Replace(field), nameEscaper.Replace(path)))
	header.Set("Content-Type", contentType)
	part, err := writer.CreatePart(header)
	if err != nil {
		return err
	}
	_, err = part.Write(data)
	return err
}
