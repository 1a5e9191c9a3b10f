"""Create a batch job (OpenAI Python SDK)."""

import os
import sys

from openai import APIError, APIStatusError, OpenAI

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-us.aliyuncs.com/compatible-mode/v1",
)

try:
    result = client.batches.create(
        input_file_id="file-batch-5b9c8a7d6e5f4a3b2c1d0e9f",
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={
            "ds_name": "Quarterly reports",
            "ds_description": "Summaries of the quarterly reports",
        },
    )
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

print(result.id)
