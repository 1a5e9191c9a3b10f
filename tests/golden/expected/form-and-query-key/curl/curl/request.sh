#!/usr/bin/env bash
# Send a form "$(id)" `x` ${x} */ ?> (curl).
# Reads the API key from ACME_SMS_KEY; prints the reply, or the error body and exits non-zero.
# Needs curl 7.87 or later (--url-query percent-encodes the key).
set -euo pipefail

if [[ -z ${ACME_SMS_KEY:-} ]]; then
  echo 'Set the ACME_SMS_KEY environment variable to your API key.' >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' \
  --request POST \
  --url-query "api_key=${ACME_SMS_KEY}" \
  --data-urlencode 'to%20%22who%22=+1 555 0100' \
  --data-urlencode 'from=Acme & Co; $(id) `id` ${HOME} #{x} {{7*7}} %s' \
  --data-urlencode $'body%0Aline=line1\x0aline2\x0d\x0a\x09tab \\ back\'slash" 😀 \xe2\x80\xae' \
  --data-urlencode 'flash=false' \
  --data-urlencode 'count=3' \
  --url 'https://sms.acme-telecom.net/v1/accounts/a%2Fb%20c%3Fd%23e%25f%22g%27h/messages?note=x%26y%3Dz%20%22q%22%20%27r%27%20%24%7Bs%7D%20%24%28t%29%20%5Cu0041%20%E4%B8%AD%E6%96%87')

if [[ $status != 2* ]]; then
  # The API answered with an error status: print its error body.
  echo "HTTP $status: $(cat "$body")" >&2
  exit 1
fi
cat "$body"
echo
