#!/usr/bin/env bash
# Generate a video with Wan as an asynchronous task (curl).
# Reads the API key from DASHSCOPE_API_KEY; submits the task, polls it until it ends and prints the result, or prints the error and exits non-zero.
# Needs jq to read the answers.
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo 'Set the DASHSCOPE_API_KEY environment variable to your API key.' >&2
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
  --url 'https://dashscope-us.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi

# The answer names the task: poll it until it ends.
task_id=$(jq --raw-output '.output.task_id // empty | @uri' "$body")
if [[ -z $task_id ]]; then
  echo 'The answer holds no task id:' "$(cat "$body")" >&2
  exit 1
fi
poll_url='https://dashscope-us.aliyuncs.com/api/v1/tasks/'"$task_id"

deadline=$((SECONDS + 600))
while true; do
  sleep 1
  status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
    --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
    --url "$poll_url")
  if [[ $status != 2* ]]; then
    # The API answered with an error status: print its error body.
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
      echo 'The task failed:' "$(cat "$body")" >&2
      exit 1
      ;;
  esac
  # Any other state means the task is still running.
  if ((SECONDS >= deadline)); then
    echo 'The task did not finish within 600 seconds.' >&2
    exit 1
  fi
done
