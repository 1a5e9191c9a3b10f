#!/usr/bin/env bash
# 各イベントがそれまでの全文を含む Qwen-Plus の応答をストリーミングする（curl）。
# DASHSCOPE_API_KEY から API キーを読み取り、ストリーミングで届く応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
# 応答を読むには jq が必要です。
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo '環境変数 DASHSCOPE_API_KEY に API キーを設定してください。' >&2
  exit 1
fi

# --include でステータス行とヘッダーが本文の前に出力されます。エラーステータスのときは本文を標準エラー出力に送ります。
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
    # Server-Sent Events: 各 data 行は、応答の断片を含む JSON イベントを 1 つ持ちます。
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
      # ストリーム内のエラーイベントでストリームは終わります。イベントを出力し、0 以外で終了します。
      if [[ $event == error ]]; then
        echo
        echo "$data" >&2
        exit 1
      fi
      # 各イベントにはそれまでのテキスト全体が入っています。新しい部分だけを出力します。
      text=$(jq --join-output '.output.choices[0].message.content // empty' <<<"$data" && echo .)
      text=${text%.}
      printf '%s' "${text:${#printed}}"
      printed=$text
    done
    echo
  }
