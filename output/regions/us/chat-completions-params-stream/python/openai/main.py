"""Stream Qwen-Plus with the streaming parameters (OpenAI Python SDK)."""

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
    base_url="https://dashscope-us.aliyuncs.com/compatible-mode/v1",
)

try:
    stream = client.chat.completions.create(
        model="qwen-plus",
        messages=[
            {
                "role": "user",
                "content": "Write one sentence about the sea.",
            },
        ],
        stream=True,
        stream_options={
            "include_usage": True,
        },
        temperature=0.7,
        max_tokens=256,
        stop="END",
        extra_body={
            "enable_thinking": False,
        },
    )
    # Print each piece of the reply as it arrives.
    for chunk in stream:
        # A chunk may carry no choices (the last one, with usage only).
        if chunk.choices:
            print(chunk.choices[0].delta.content or "", end="", flush=True)
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    body = json.dumps(error.body, ensure_ascii=False)
    print(f"HTTP {error.status_code}: {body}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

print()
