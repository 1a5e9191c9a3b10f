"""Create a reply with the Responses API (OpenAI Python SDK)."""

import os
import sys

from openai import APIError, APIStatusError, OpenAI

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1",
)

try:
    result = client.responses.create(
        model="qwen-plus",
        instructions="Answer in one sentence.",
        input="What can the Responses API do?",
    )
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

print(result.output[0].content[0].text)
