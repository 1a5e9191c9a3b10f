"""Stream a Qwen-Plus reply whose events each carry the whole text so far (DashScope Python SDK)."""

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

responses = dashscope.Generation.call(
    api_key=api_key,
    model="qwen-plus",
    messages=[
        {
            "role": "system",
            "content": "You are a helpful assistant.",
        },
        {
            "role": "user",
            "content": "Who are you?",
        },
    ],
    result_format="message",
    incremental_output=False,
    stream=True,
    headers={
        "X-DashScope-SSE": "enable",
    },
)

# Print each piece of the reply as it arrives.
# Each event holds the whole text so far: print only what is new.
printed = ""
for response in responses:
    if response.status_code != HTTPStatus.OK:
        fail(response)
    whole = response["output"]["choices"][0]["message"]["content"]
    print(whole.removeprefix(printed), end="", flush=True)
    printed = whole
print()
