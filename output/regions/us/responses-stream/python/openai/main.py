"""Stream a reply with the Responses API (OpenAI Python SDK)."""

import json
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
    stream = client.responses.create(
        model="qwen-plus",
        instructions="Answer in one sentence.",
        input="What can the Responses API do?",
        stream=True,
    )
    # Print each piece of the reply as it arrives.
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    body = json.dumps(error.body, ensure_ascii=False)
    print(f"HTTP {error.status_code}: {body}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

print()
