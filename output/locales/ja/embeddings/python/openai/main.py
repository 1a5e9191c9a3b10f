"""OpenAI 互換 API でテキストをベクトル化する（OpenAI Python SDK）。"""

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
    result = client.embeddings.create(
        model="text-embedding-v4",
        input="The quality of the clothes is excellent.",
        dimensions=1024,
        encoding_format="float",
    )
except APIStatusError as error:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

# ベクトル: 長さと先頭の値を出力します。
vector = result.data[0].embedding
print(f"{len(vector)} 次元: {vector[:5]}")
