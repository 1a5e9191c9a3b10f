#!/usr/bin/env bash
# Embed texts through the DashScope API (curl).
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
  "model": "text-embedding-v4",
  "input": {
    "texts": [
      "The wind is strong and the sky is high.",
      "Apes cry sadly on the river bank."
    ]
  },
  "parameters": {
    "dimension": 1024,
    "text_type": "document"
  }
}' \
  --url 'https://dashscope-us.aliyuncs.com/api/v1/services/embeddings/text-embedding/text-embedding')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
