#!/usr/bin/env bash
# 用 Responses API 流式获取回复（curl）。
# 从 DASHSCOPE_API_KEY 读取 API 密钥，流式输出回复；出错时输出错误正文并以非零状态退出。
# 需要 jq 来读取响应。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。' >&2
  exit 1
fi

# --include 会在正文之前输出状态行和响应头：状态码表示错误时，将正文输出到标准错误。
curl --silent --show-error --no-buffer --include --suppress-connect-headers \
  --request POST \
  --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
  --header 'Content-Type: application/json' \
  --data '{
  "model": "qwen-plus",
  "instructions": "Answer in one sentence.",
  "input": "What can the Responses API do?",
  "stream": true
}' \
  --url 'https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses' |
  {
    read -r _ status _
    while IFS= read -r line && [[ -n ${line%$'\r'} ]]; do :; done
    if [[ $status != 2* ]]; then
      cat >&2
      echo >&2
      exit 1
    fi
    # 服务器发送事件：每个 data 行包含一个带有回复片段的 JSON 事件。
    while IFS= read -r line; do
      line=${line%$'\r'}
      [[ $line == data:* ]] || continue
      data=${line#data:}
      [[ $data == *'[DONE]' ]] && break
      # 流中的错误事件会结束流：输出该事件并以非零状态退出。
      if jq --exit-status 'type == "object" and has("error")' <<<"$data" >/dev/null; then
        echo
        echo "$data" >&2
        exit 1
      fi
      jq --join-output '.delta // empty' <<<"$data"
    done
    echo
  }
