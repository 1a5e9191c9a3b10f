"""Download the results of a batch (Python requests)."""

import os
import sys

import requests

URL = "https://dashscope-us.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content"
SAVE_AS = "results.jsonl"

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

headers = {
    "Authorization": "Bearer " + api_key,
}

try:
    response = requests.get(URL, headers=headers, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# The answer is a file: save its bytes.
with open(SAVE_AS, "wb") as file:
    file.write(response.content)
print(f"Saved {SAVE_AS} ({len(response.content)} bytes)")
