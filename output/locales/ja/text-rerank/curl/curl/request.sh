#!/usr/bin/env bash
# DashScope API でドキュメントを再ランク付けする（curl）。
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
  # API がエラーステータスを返しました。エラー本文を出力します。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
