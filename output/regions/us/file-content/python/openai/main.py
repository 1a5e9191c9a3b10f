"""Download the results of a batch (OpenAI Python SDK)."""

import os
import sys

from openai import APIError, APIStatusError, OpenAI

SAVE_AS = "results.jsonl"

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-us.aliyuncs.com/compatible-mode/v1",
)

try:
    result = client.files.content(
        file_id="file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f",
    )
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

# The answer is a file: save its bytes.
result.write_to_file(SAVE_AS)
print(f"Saved {SAVE_AS} ({os.path.getsize(SAVE_AS)} bytes)")
