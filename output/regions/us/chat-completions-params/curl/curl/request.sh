#!/usr/bin/env bash
# Call Qwen-Plus with every documented parameter (curl).
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
  "model": "qwen-plus",
  "messages": [
    {
      "role": "system",
      "content": "You are a helpful assistant. Answer in JSON."
    },
    {
      "role": "user",
      "content": "Name three colours of the rainbow as a JSON list."
    }
  ],
  "temperature": 0.7,
  "top_p": 0.8,
  "top_k": 20,
  "seed": 1234,
  "max_tokens": 512,
  "n": 1,
  "presence_penalty": 0.5,
  "frequency_penalty": 0.2,
  "stop": [
    "\n\n",
    "END"
  ],
  "response_format": {
    "type": "json_object"
  },
  "enable_search": false,
  "enable_thinking": false,
  "logprobs": false,
  "user": "docs-sample"
}' \
  --url 'https://dashscope-us.aliyuncs.com/compatible-mode/v1/chat/completions')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
