"""Call Qwen-Plus through the DashScope API with every documented parameter (DashScope Python SDK)."""

import json
import os
import sys
from http import HTTPStatus

import dashscope

dashscope.base_http_api_url = "https://dashscope-us.aliyuncs.com/api/v1"


def fail(response):
    """Print the API's error body and exit non-zero."""
    # The API answered with an error status: print its error body.
    error = {
        "code": response.code,
        "message": response.message,
        "request_id": response.request_id,
    }
    print(f"HTTP {response.status_code}:", json.dumps(error), file=sys.stderr)
    sys.exit(1)


# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

response = dashscope.Generation.call(
    api_key=api_key,
    model="qwen-plus",
    messages=[
        {
            "role": "system",
            "content": "You are a helpful assistant.",
        },
        {
            "role": "user",
            "content": "Give me three tips for writing clear documentation.",
        },
    ],
    result_format="message",
    temperature=0.7,
    top_p=0.8,
    top_k=20,
    seed=1234,
    max_tokens=512,
    repetition_penalty=1.05,
    presence_penalty=0.5,
    stop=[
        "\n\n",
        "END",
    ],
    enable_search=False,
    enable_thinking=False,
)

if response.status_code != HTTPStatus.OK:
    fail(response)

print(response["output"]["choices"][0]["message"]["content"])
