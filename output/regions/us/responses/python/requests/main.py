"""Create a reply with the Responses API (Python requests)."""

import json
import os
import sys

import requests

URL = "https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses"

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

headers = {
    "Authorization": "Bearer " + api_key,
    "Content-Type": "application/json",
}
body = {
    "model": "qwen-plus",
    "instructions": "Answer in one sentence.",
    "input": "What can the Responses API do?",
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
