#!/usr/bin/env bash
# Start a batch from fields only (curl).
# Reads the API key from ACME_MEDIA_KEY; prints the reply, or the error body and exits non-zero.
set -euo pipefail

if [[ -z ${ACME_MEDIA_KEY:-} ]]; then
  echo 'Set the ACME_MEDIA_KEY environment variable to your API key.' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request POST \
  --header "Authorization: Bearer ${ACME_MEDIA_KEY}" \
  --header 'X-Trace;' \
  --form-string 'purpose=batch' \
  --form-string $'note=two\x0alines' \
  --url 'https://upload.acme-media.com/v3/batches')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
