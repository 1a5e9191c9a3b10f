#!/usr/bin/env bash
# 上传用于文档解析的文件（curl）。
# 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。' >&2
  exit 1
fi

# 要上传的文件从当前文件夹读取。
if [[ ! -r 'report.txt' ]]; then
  echo '无法读取 report.txt：请将该文件放在当前文件夹中。' >&2
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
  # API 返回了错误状态：输出其错误正文。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
