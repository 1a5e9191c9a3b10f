#!/usr/bin/env bash
# 非同期タスクとして Wan で動画を生成する（curl）。
# API キーを DASHSCOPE_API_KEY から読み込み、タスクを送信して終了するまでポーリングし、結果を出力します。失敗した場合はエラーを出力し、0 以外で終了します。
# 応答を読むには jq が必要です。
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
  # API がエラーステータスを返しました。エラー本文を出力します。
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi

# 応答にタスクが示されます。終了するまでポーリングします。
task_id=$(jq --raw-output '.output.task_id // empty | @uri' "$body")
if [[ -z $task_id ]]; then
  echo '応答にタスク ID がありません:' "$(cat "$body")" >&2
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
    # API がエラーステータスを返しました。エラー本文を出力します。
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
      echo 'タスクが失敗しました:' "$(cat "$body")" >&2
      exit 1
      ;;
  esac
  # それ以外の状態は、タスクがまだ実行中であることを示します。
  if ((SECONDS >= deadline)); then
    echo 'タスクが 600 秒以内に終了しませんでした。' >&2
    exit 1
  fi
done
