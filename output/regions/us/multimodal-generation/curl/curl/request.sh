#!/usr/bin/env bash
# Ask Qwen-VL about an image through the DashScope API (curl).
# Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.
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
  --data '{
  "model": "qwen-vl-plus",
  "input": {
    "messages": [
      {
        "role": "user",
        "content": [
          {
            "image": "https://dashscope.oss-cn-beijing.aliyuncs.com/images/dog_and_girl.jpeg"
          },
          {
            "text": "What is in this picture?"
          }
        ]
      }
    ]
  }
}' \
  --url 'https://dashscope-us.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
