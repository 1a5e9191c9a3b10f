"""OpenAI 互換 API で Qwen-Plus に関数を呼び出させる（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"

# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

headers = {
    "Authorization": "Bearer " + api_key,
    "Content-Type": "application/json",
}
body = {
    "model": "qwen-plus",
    "messages": [
        {
            "role": "user",
            "content": "What is the weather like in Hangzhou?",
        },
    ],
    "tools": [
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
    "tool_choice": "auto",
    "parallel_tool_calls": False,
}

try:
    response = requests.post(URL, headers=headers, json=body, timeout=60)
except requests.RequestException as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
