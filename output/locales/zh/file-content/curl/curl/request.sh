#!/usr/bin/env bash
# 下载批处理结果（curl）。
# 从 DASHSCOPE_API_KEY 读取 API 密钥，将响应保存到 results.jsonl；失败时输出错误正文并以非零状态退出。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request GET \
  --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
  --url 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content')

if [[ $status != 2* ]]; then
  # API 返回了错误状态：输出其错误正文。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi

# 将响应保存到当前文件夹中的 results.jsonl。
cp "$body" 'results.jsonl'
printf '已保存 results.jsonl（%s 字节）\n' "$(($(wc -c <'results.jsonl')))"
