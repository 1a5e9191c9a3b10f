#!/usr/bin/env bash
# Rerank documents through the DashScope API (curl).
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
  "model": "gte-rerank-v2",
  "input": {
    "query": "What is a text ranking model?",
    "documents": [
      "Text ranking models are widely used in search engines and recommendation systems.",
      "Quantum computing is a cutting-edge field of computer science.",
      "The development of pre-trained language models has advanced text ranking."
    ]
  },
  "parameters": {
    "return_documents": true,
    "top_n": 2
  }
}' \
  --url 'https://dashscope-us.aliyuncs.com/api/v1/services/rerank/text-rerank/text-rerank')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
