"""Start a batch from fields only (Python requests)."""

import json
import os
import sys

import requests

URL = "https://upload.acme-media.com/v3/batches"

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("ACME_MEDIA_KEY")
if not api_key:
    sys.exit("Set the ACME_MEDIA_KEY environment variable to your API key.")

headers = {
    "Authorization": "Bearer " + api_key,
    "X-Trace": "",
}
# A multipart/form-data body: text fields, and each file with its name and type.
fields = {
    "purpose": "batch",
    "note": "two\nlines",
}
# Without a file, requests would send a urlencoded form: each field is a part, no file name.
files = [(name, (None, value)) for name, value in fields.items()]

try:
    response = requests.post(URL, headers=headers, files=files, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
