#!/usr/bin/env bash
# バッチの結果をダウンロードする（curl）。
# API キーを DASHSCOPE_API_KEY から読み込み、応答を results.jsonl に保存します。失敗した場合はエラー本文を出力し、0 以外で終了します。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '環境変数 DASHSCOPE_API_KEY に API キーを設定してください。' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request GET \
  --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
  --url 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content')

if [[ $status != 2* ]]; then
  # API がエラーステータスを返しました。エラー本文を出力します。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi

# 応答をカレントフォルダーの results.jsonl に保存します。
cp "$body" 'results.jsonl'
printf 'results.jsonl を保存しました（%s バイト）\n' "$(($(wc -c <'results.jsonl')))"
