#!/usr/bin/env bash
# ドキュメント抽出用にファイルをアップロードする（curl）。
# DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '環境変数 DASHSCOPE_API_KEY に API キーを設定してください。' >&2
  exit 1
fi

# アップロードするファイルはカレントフォルダーから読み込みます。
if [[ ! -r 'report.txt' ]]; then
  echo 'report.txt を読み込めません。ファイルをカレントフォルダーに置いてください。' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request POST \
  --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
  --form-string 'purpose=file-extract' \
  --form 'file=@report.txt;type=text/plain;filename=report.txt' \
  --url 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files')

if [[ $status != 2* ]]; then
  # API がエラーステータスを返しました。エラー本文を出力します。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
