#!/usr/bin/env bash
# Responses API で返答を作成する（curl）。
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
  "instructions": "Answer in one sentence.",
  "input": "What can the Responses API do?"
}' \
  --url 'https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses')

if [[ $status != 2* ]]; then
  # API がエラーステータスを返しました。エラー本文を出力します。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
