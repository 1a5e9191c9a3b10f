"""Embed texts through the DashScope API (DashScope Python SDK)."""

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

response = dashscope.TextEmbedding.call(
    api_key=api_key,
    model="text-embedding-v4",
    input=[
        "The wind is strong and the sky is high.",
        "Apes cry sadly on the river bank.",
    ],
    dimension=1024,
    text_type="document",
)

if response.status_code != HTTPStatus.OK:
    fail(response)

# A vector: print its length and first values.
vector = response["output"]["embeddings"][0]["embedding"]
print(f"{len(vector)} dimensions: {vector[:5]}")
