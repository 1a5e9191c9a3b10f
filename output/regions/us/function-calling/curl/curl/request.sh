#!/usr/bin/env bash
# Let Qwen-Plus call a function through the OpenAI-compatible API (curl).
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
      "role": "user",
      "content": "What is the weather like in Hangzhou?"
    }
  ],
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_current_weather",
        "description": "Get the current weather in a given city.",
        "parameters": {
          "type": "object",
          "properties": {
            "location": {
              "type": "string",
              "description": "A city, such as Beijing or Hangzhou."
            }
          },
          "required": [
            "location"
          ]
        }
      }
    }
  ],
  "tool_choice": "auto",
  "parallel_tool_calls": false
}' \
  --url 'https://dashscope-us.aliyuncs.com/compatible-mode/v1/chat/completions')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
