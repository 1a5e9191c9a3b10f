#!/usr/bin/env bash
# Responses API で返答をストリーミングする（curl）。
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
    # Server-Sent Events: 各 data 行は、応答の断片を含む JSON イベントを 1 つ持ちます。
    while IFS= read -r line; do
      line=${line%$'\r'}
      [[ $line == data:* ]] || continue
      data=${line#data:}
      [[ $data == *'[DONE]' ]] && break
      # ストリーム内のエラーイベントでストリームは終わります。イベントを出力し、0 以外で終了します。
      if jq --exit-status 'type == "object" and has("error")' <<<"$data" >/dev/null; then
        echo
        echo "$data" >&2
        exit 1
      fi
      jq --join-output '.delta // empty' <<<"$data"
    done
    echo
  }
