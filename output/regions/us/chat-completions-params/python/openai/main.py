"""Call Qwen-Plus with every documented parameter (OpenAI Python SDK)."""

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
    result = client.chat.completions.create(
        model="qwen-plus",
        messages=[
            {
                "role": "system",
                "content": "You are a helpful assistant. Answer in JSON.",
            },
            {
                "role": "user",
                "content": "Name three colours of the rainbow as a JSON list.",
            },
        ],
        temperature=0.7,
        top_p=0.8,
        seed=1234,
        max_tokens=512,
        n=1,
        presence_penalty=0.5,
        frequency_penalty=0.2,
        stop=[
            "\n\n",
            "END",
        ],
        response_format={
            "type": "json_object",
        },
        logprobs=False,
        user="docs-sample",
        extra_body={
            "top_k": 20,
            "enable_search": False,
            "enable_thinking": False,
        },
    )
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

print(result.choices[0].message.content)
