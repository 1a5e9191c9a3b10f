#!/usr/bin/env bash
# Stream a Qwen-Plus reply whose events each carry the whole text so far (curl).
# Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams, or the error body and exits non-zero.
# Needs jq to read the answers.
set -euo pipefail

if [[ -z ${DASHSCOPE_API_KEY:-} ]]; then
  echo 'Set the DASHSCOPE_API_KEY environment variable to your API key.' >&2
  exit 1
fi

# --include puts the status line and headers before the body: an error status sends the body to stderr.
curl --silent --show-error --no-buffer --include --suppress-connect-headers \
  --request POST \
  --header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \
  --header 'Content-Type: application/json' \
  --header 'X-DashScope-SSE: enable' \
  --data '{
  "model": "qwen-plus",
  "input": {
    "messages": [
      {
        "role": "system",
        "content": "You are a helpful assistant."
      },
      {
        "role": "user",
        "content": "Who are you?"
      }
    ]
  },
  "parameters": {
    "result_format": "message",
    "incremental_output": false
  }
}' \
  --url 'https://dashscope-us.aliyuncs.com/api/v1/services/aigc/text-generation/generation' |
  {
    read -r _ status _
    while IFS= read -r line && [[ -n ${line%$'\r'} ]]; do :; done
    if [[ $status != 2* ]]; then
      cat >&2
      echo >&2
      exit 1
    fi
    # Server-sent events: each data line holds one JSON event with a piece of the reply.
    event=
    printed=
    while IFS= read -r line; do
      line=${line%$'\r'}
      if [[ $line == event:* ]]; then
        event=${line#event:}
        event=${event# }
        continue
      fi
      [[ $line == data:* ]] || continue
      data=${line#data:}
      # An error event inside the stream ends it: print the event and exit non-zero.
      if [[ $event == error ]]; then
        echo
        echo "$data" >&2
        exit 1
      fi
      # Each event holds the whole text so far: print only what is new.
      text=$(jq --join-output '.output.choices[0].message.content // empty' <<<"$data" && echo .)
      text=${text%.}
      printf '%s' "${text:${#printed}}"
      printed=$text
    done
    echo
  }
