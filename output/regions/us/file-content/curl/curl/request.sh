#!/usr/bin/env bash
# Download the results of a batch (curl).
# Reads the API key from DASHSCOPE_API_KEY; saves the answer to results.jsonl, or prints the error body and exits non-zero.
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo 'Set the DASHSCOPE_API_KEY environment variable to your API key.' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request GET \
  --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
  --url 'https://dashscope-us.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi

# Save the answer to results.jsonl in the current folder.
cp "$body" 'results.jsonl'
printf 'Saved results.jsonl (%s bytes)\n' "$(($(wc -c <'results.jsonl')))"
