#!/usr/bin/env bash
# ドキュメントにあるすべてのパラメーターで DashScope API の Qwen-Plus を呼び出す（curl）。
# DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '環境変数 DASHSCOPE_API_KEY に API キーを設定してください。' >&2
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
  "input": {
    "messages": [
      {
        "role": "system",
        "content": "You are a helpful assistant."
      },
      {
        "role": "user",
        "content": "Give me three tips for writing clear documentation."
      }
    ]
  },
  "parameters": {
    "result_format": "message",
    "temperature": 0.7,
    "top_p": 0.8,
    "top_k": 20,
    "seed": 1234,
    "max_tokens": 512,
    "repetition_penalty": 1.05,
    "presence_penalty": 0.5,
    "stop": [
      "\n\n",
      "END"
    ],
    "enable_search": false,
    "enable_thinking": false
  }
}' \
  --url 'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation')

if [[ $status != 2* ]]; then
  # API がエラーステータスを返しました。エラー本文を出力します。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
