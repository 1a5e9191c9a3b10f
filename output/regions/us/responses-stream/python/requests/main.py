"""Stream a reply with the Responses API (Python requests)."""

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
    "stream": True,
}

try:
    response = requests.post(URL, headers=headers, json=body, stream=True, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# Server-sent events: each data line holds one JSON event with a piece of the reply.
# Print each piece as it arrives (chunk_size=None reads data as it comes).
for line in response.iter_lines(chunk_size=None):
    text = line.decode("utf-8")
    if not text.startswith("data:"):
        continue
    data = text.removeprefix("data:").strip()
    if data == "[DONE]":
        break
    event = json.loads(data)
    if "error" in event:
        # The stream broke off with an error event: print it and exit non-zero.
        print()
        print("The stream ended with an error:", data, file=sys.stderr)
        sys.exit(1)
    print(event["delta"], end="", flush=True)
print()
