#!/usr/bin/env bash
# 流式获取每个事件都包含迄今完整文本的 Qwen-Plus 回复（curl）。
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
  --header 'X-DashScope-SSE: enable' \
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
        "content": "Who are you?"
      }
    ]
  },
  "parameters": {
    "result_format": "message",
    "incremental_output": false
  }
}' \
  --url 'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation' |
  {
    read -r _ status _
    while IFS= read -r line && [[ -n ${line%$'\r'} ]]; do :; done
    if [[ $status != 2* ]]; then
      cat >&2
      echo >&2
      exit 1
    fi
    # 服务器发送事件：每个 data 行包含一个带有回复片段的 JSON 事件。
    event=
    printed=
    while IFS= read -r line; do
      line=${line%$'\r'}
      if [[ $line == event:* ]]; then
        event=${line#event:}
        event=${event# }
        continue
      fi
      [[ $line == data:* ]] || continue
      data=${line#data:}
      # 流中的错误事件会结束流：输出该事件并以非零状态退出。
      if [[ $event == error ]]; then
        echo
        echo "$data" >&2
        exit 1
      fi
      # 每个事件都包含到目前为止的全部文本：只输出新增的部分。
      text=$(jq --join-output '.output.choices[0].message.content // empty' <<<"$data" && echo .)
      text=${text%.}
      printf '%s' "${text:${#printed}}"
      printed=$text
    done
    echo
  }
