#!/usr/bin/env bash
# Create a batch job (curl).
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
  "input_file_id": "file-batch-5b9c8a7d6e5f4a3b2c1d0e9f",
  "endpoint": "/v1/chat/completions",
  "completion_window": "24h",
  "metadata": {
    "ds_name": "Quarterly reports",
    "ds_description": "Summaries of the quarterly reports"
  }
}' \
  --url 'https://dashscope-us.aliyuncs.com/compatible-mode/v1/batches')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
