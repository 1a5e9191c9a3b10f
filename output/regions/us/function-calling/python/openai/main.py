"""Let Qwen-Plus call a function through the OpenAI-compatible API (OpenAI Python SDK)."""

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
    result = client.chat.completions.create(
        model="qwen-plus",
        messages=[
            {
                "role": "user",
                "content": "What is the weather like in Hangzhou?",
            },
        ],
        tools=[
            {
                "type": "function",
                "function": {
                    "name": "get_current_weather",
                    "description": "Get the current weather in a given city.",
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "location": {
                                "type": "string",
                                "description": "A city, such as Beijing or Hangzhou.",
                            },
                        },
                        "required": [
                            "location",
                        ],
                    },
                },
            },
        ],
        tool_choice="auto",
        parallel_tool_calls=False,
    )
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

reply = result.to_dict()["choices"][0]["message"]["tool_calls"]
print(json.dumps(reply, ensure_ascii=False, indent=2))
