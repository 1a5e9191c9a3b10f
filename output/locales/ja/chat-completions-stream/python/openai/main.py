"""OpenAI 互換 API で Qwen-Plus の応答をストリーミングする（OpenAI Python SDK）。"""

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
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)

try:
    stream = client.chat.completions.create(
        model="qwen-plus",
        messages=[
            {
                "role": "system",
                "content": "You are a helpful assistant.",
            },
            {
                "role": "user",
                "content": "Who are you?",
            },
        ],
        stream=True,
    )
    # 応答の各断片を届いた順に出力します。
    for chunk in stream:
        # choices を持たないチャンクもあります（最後の、使用量だけを運ぶチャンク）。
        if chunk.choices:
            print(chunk.choices[0].delta.content or "", end="", flush=True)
except APIStatusError as error:
    # API がエラーステータスを返しました。エラー本文を出力します。
    body = json.dumps(error.body, ensure_ascii=False)
    print(f"HTTP {error.status_code}: {body}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

print()
