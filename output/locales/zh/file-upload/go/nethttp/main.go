// 上传用于文档解析的文件（Go net/http）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。
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
	// 从环境变量读取 API 密钥；切勿将其写入代码。
	apiKey := os.Getenv("DASHSCOPE_API_KEY")
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, "请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")
		os.Exit(1)
	}

	body, contentType, err := multipartBody()
	if err != nil {
		fmt.Fprintln(os.Stderr, "无法读取要上传的文件：", err)
		os.Exit(1)
	}
	req, err := http.NewRequest("POST", apiURL, body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "无法构建请求：", err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("Content-Type", contentType)

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

// multipartBody 构建 multipart/form-data 正文（文本字段，然后是从当前文件夹读取的每个文件），并连同其 Content-Type 一起返回。
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

// nameEscaper 像浏览器一样写出 Content-Disposition 头部中的名称：引号、CR 和 LF 进行百分号编码，其余不变。
var nameEscaper = strings.NewReplacer(`"`, "%22", "\r", "%0D", "\n", "%0A")

// writeField 添加文本字段 name 及其值（multipart.Writer.WriteField 不会转义名称中的换行）。
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

// addFile 将 path 处的文件作为表单字段 field 添加，文件名为 path，并使用给定的内容类型。
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
