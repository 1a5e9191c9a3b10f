#!/usr/bin/env bash
# Check a batch job (curl).
# Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.
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
  --url 'https://dashscope-us.aliyuncs.com/compatible-mode/v1/batches/batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
