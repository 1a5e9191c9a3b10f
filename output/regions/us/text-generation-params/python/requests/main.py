"""Call Qwen-Plus through the DashScope API with every documented parameter (Python requests)."""

import json
import os
import sys

import requests

URL = (
    "https://dashscope-us.aliyuncs.com/api/v1/services/aigc/text-generation/generation"
)

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
    "input": {
        "messages": [
            {
                "role": "system",
                "content": "You are a helpful assistant.",
            },
            {
                "role": "user",
                "content": "Give me three tips for writing clear documentation.",
            },
        ],
    },
    "parameters": {
        "result_format": "message",
        "temperature": 0.7,
        "top_p": 0.8,
        "top_k": 20,
        "seed": 1234,
        "max_tokens": 512,
        "repetition_penalty": 1.05,
        "presence_penalty": 0.5,
        "stop": [
            "\n\n",
            "END",
        ],
        "enable_search": False,
        "enable_thinking": False,
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
