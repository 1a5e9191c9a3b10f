"""Cancel a batch job (Python requests)."""

import json
import os
import sys

import requests

URL = "https://dashscope-us.aliyuncs.com/compatible-mode/v1/batches/batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/cancel"

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

headers = {
    "Authorization": "Bearer " + api_key,
}

try:
    response = requests.post(URL, headers=headers, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
