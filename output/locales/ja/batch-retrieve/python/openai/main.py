"""バッチジョブの状態を確認する（OpenAI Python SDK）。"""

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
    result = client.batches.retrieve(
        batch_id="batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
    )
except APIStatusError as error:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

print(result.status)
