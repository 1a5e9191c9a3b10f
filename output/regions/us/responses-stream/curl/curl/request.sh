#!/usr/bin/env bash
# Stream a reply with the Responses API (curl).
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
  --data '{
  "model": "qwen-plus",
  "instructions": "Answer in one sentence.",
  "input": "What can the Responses API do?",
  "stream": true
}' \
  --url 'https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses' |
  {
    read -r _ status _
    while IFS= read -r line && [[ -n ${line%$'\r'} ]]; do :; done
    if [[ $status != 2* ]]; then
      cat >&2
      echo >&2
      exit 1
    fi
    # Server-sent events: each data line holds one JSON event with a piece of the reply.
    while IFS= read -r line; do
      line=${line%$'\r'}
      [[ $line == data:* ]] || continue
      data=${line#data:}
      [[ $data == *'[DONE]' ]] && break
      # An error event inside the stream ends it: print the event and exit non-zero.
      if jq --exit-status 'type == "object" and has("error")' <<<"$data" >/dev/null; then
        echo
        echo "$data" >&2
        exit 1
      fi
      jq --join-output '.delta // empty' <<<"$data"
    done
    echo
  }
