"""Responses API で返答をストリーミングする（OpenAI Python SDK）。"""

import json
import os
import sys

from openai import APIError, APIStatusError, OpenAI

# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1",
)

try:
    stream = client.responses.create(
        model="qwen-plus",
        instructions="Answer in one sentence.",
        input="What can the Responses API do?",
        stream=True,
    )
    # 応答の各断片を届いた順に出力します。
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
except APIStatusError as error:
    # API がエラーステータスを返しました。エラー本文を出力します。
    body = json.dumps(error.body, ensure_ascii=False)
    print(f"HTTP {error.status_code}: {body}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

print()
