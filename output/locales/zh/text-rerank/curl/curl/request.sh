#!/usr/bin/env bash
# 通过 DashScope API 对文档重排序（curl）。
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
  "model": "gte-rerank-v2",
  "input": {
    "query": "What is a text ranking model?",
    "documents": [
      "Text ranking models are widely used in search engines and recommendation systems.",
      "Quantum computing is a cutting-edge field of computer science.",
      "The development of pre-trained language models has advanced text ranking."
    ]
  },
  "parameters": {
    "return_documents": true,
    "top_n": 2
  }
}' \
  --url 'https://dashscope-intl.aliyuncs.com/api/v1/services/rerank/text-rerank/text-rerank')

if [[ $status != 2* ]]; then
  # API 返回了错误状态：输出其错误正文。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
