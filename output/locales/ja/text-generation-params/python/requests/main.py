"""ドキュメントにあるすべてのパラメーターで DashScope API の Qwen-Plus を呼び出す（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation"

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
    "input": {
        "messages": [
            {
                "role": "system",
                "content": "You are a helpful assistant.",
            },
            {
                "role": "user",
                "content": "Give me three tips for writing clear documentation.",
            },
        ],
    },
    "parameters": {
        "result_format": "message",
        "temperature": 0.7,
        "top_p": 0.8,
        "top_k": 20,
        "seed": 1234,
        "max_tokens": 512,
        "repetition_penalty": 1.05,
        "presence_penalty": 0.5,
        "stop": [
            "\n\n",
            "END",
        ],
        "enable_search": False,
        "enable_thinking": False,
    },
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
