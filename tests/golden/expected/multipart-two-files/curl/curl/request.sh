#!/usr/bin/env bash
# Upload two files 'with' "quotes" (curl).
# Reads the API key from ACME_MEDIA_KEY; prints the reply, or the error body and exits non-zero.
set -euo pipefail

if [[ -z ${ACME_MEDIA_KEY:-} ]]; then
  echo 'Set the ACME_MEDIA_KEY environment variable to your API key.' >&2
  exit 1
fi

# The files to upload are read from the current folder.
if [[ ! -r 'photo-1.png' ]]; then
  echo 'Cannot read photo-1.png: put the file in the current folder.' >&2
  exit 1
fi
if [[ ! -r 'caption_2.txt' ]]; then
  echo 'Cannot read caption_2.txt: put the file in the current folder.' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request PUT \
  --header "x-api-key: ${ACME_MEDIA_KEY}" \
  --form-string 'album=holidays "2026" $(id) ${x} `y`' \
  --form-string 'public=true' \
  --form-string $'note=back\\slash \\n tab\x09日本語' \
  --form 'image=@photo-1.png;type=image/png;filename=photo-1.png' \
  --form 'caption.text=@caption_2.txt;type=text/plain;filename=caption_2.txt' \
  --url 'https://upload.acme-media.com/v3/assets')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
