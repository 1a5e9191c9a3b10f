"""Create a batch job (Python requests)."""

import json
import os
import sys

import requests

URL = "https://dashscope-us.aliyuncs.com/compatible-mode/v1/batches"

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

headers = {
    "Authorization": "Bearer " + api_key,
    "Content-Type": "application/json",
}
body = {
    "input_file_id": "file-batch-5b9c8a7d6e5f4a3b2c1d0e9f",
    "endpoint": "/v1/chat/completions",
    "completion_window": "24h",
    "metadata": {
        "ds_name": "Quarterly reports",
        "ds_description": "Summaries of the quarterly reports",
    },
}

try:
    response = requests.post(URL, headers=headers, json=body, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
