#!/usr/bin/env bash
# 使用文档中的全部参数调用 Qwen-Plus（curl）。
# 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request POST \
  --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
  --header 'Content-Type: application/json' \
  --data '{
  "model": "qwen-plus",
  "messages": [
    {
      "role": "system",
      "content": "You are a helpful assistant. Answer in JSON."
    },
    {
      "role": "user",
      "content": "Name three colours of the rainbow as a JSON list."
    }
  ],
  "temperature": 0.7,
  "top_p": 0.8,
  "top_k": 20,
  "seed": 1234,
  "max_tokens": 512,
  "n": 1,
  "presence_penalty": 0.5,
  "frequency_penalty": 0.2,
  "stop": [
    "\n\n",
    "END"
  ],
  "response_format": {
    "type": "json_object"
  },
  "enable_search": false,
  "enable_thinking": false,
  "logprobs": false,
  "user": "docs-sample"
}' \
  --url 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions')

if [[ $status != 2* ]]; then
  # API 返回了错误状态：输出其错误正文。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
