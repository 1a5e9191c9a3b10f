#!/usr/bin/env bash
# 以异步任务方式用 Wan 生成视频（curl）。
# 从 DASHSCOPE_API_KEY 读取 API 密钥，提交任务并轮询直到结束，然后输出结果；失败时输出错误并以非零状态退出。
# 需要 jq 来读取响应。
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
  --header 'X-DashScope-Async: enable' \
  --data '{
  "model": "wan2.2-t2v-plus",
  "input": {
    "prompt": "A kitten runs across a sunny meadow, chasing a butterfly."
  },
  "parameters": {
    "size": "1920*1080",
    "duration": 5
  }
}' \
  --url 'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis')

if [[ $status != 2* ]]; then
  # API 返回了错误状态：输出其错误正文。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi

# 响应中给出了任务：轮询直到任务结束。
task_id=$(jq --raw-output '.output.task_id // empty | @uri' "$body")
if [[ -z $task_id ]]; then
  echo '响应中没有任务 ID：' "$(cat "$body")" >&2
  exit 1
fi
poll_url='https://dashscope-intl.aliyuncs.com/api/v1/tasks/'"$task_id"

deadline=$((SECONDS + 600))
while true; do
  sleep 1
  status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
    --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
    --url "$poll_url")
  if [[ $status != 2* ]]; then
    # API 返回了错误状态：输出其错误正文。
    echo "HTTP $status: $(cat "$body")" >&2
    exit 1
  fi
  state=$(jq --raw-output '.output.task_status // empty' "$body")
  case $state in
    'SUCCEEDED')
      cat "$body"
      echo
      exit 0
      ;;
    'FAILED' | 'CANCELED' | 'UNKNOWN')
      echo '任务失败：' "$(cat "$body")" >&2
      exit 1
      ;;
  esac
  # 其他任何状态都表示任务仍在运行。
  if ((SECONDS >= deadline)); then
    echo '任务未在 600 秒内结束。' >&2
    exit 1
  fi
done
