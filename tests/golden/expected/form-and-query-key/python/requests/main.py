"""Send a form "$(id)" `x` ${x} */ ?> (Python requests)."""

import json
import os
import sys

import requests

URL = "https://sms.acme-telecom.net/v1/accounts/a%2Fb%20c%3Fd%23e%25f%22g%27h/messages?note=x%26y%3Dz%20%22q%22%20%27r%27%20%24%7Bs%7D%20%24%28t%29%20%5Cu0041%20%E4%B8%AD%E6%96%87"

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("ACME_SMS_KEY")
if not api_key:
    sys.exit("Set the ACME_SMS_KEY environment variable to your API key.")

# The API key travels in the query string; requests appends and encodes it.
params = {"api_key": api_key}
# A form body: requests encodes it as application/x-www-form-urlencoded.
form = {
    'to "who"': "+1 555 0100",
    "from": "Acme & Co; $(id) `id` ${HOME} #{x} {{7*7}} %s",
    "body\nline": "line1\nline2\r\n\ttab \\ back'slash\" 😀 \u202e",
    "flash": "false",
    "count": "3",
}

try:
    response = requests.post(URL, params=params, data=form, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
