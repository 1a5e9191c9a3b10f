"""Query the state of an asynchronous task (DashScope Python SDK)."""

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

response = dashscope.ImageSynthesis.fetch(
    "86ecf553-d340-4e21-af6e-a0c6a421c010", api_key=api_key
)

if response.status_code != HTTPStatus.OK:
    fail(response)

reply = response["output"]
print(json.dumps(reply, ensure_ascii=False, indent=2, default=str))
