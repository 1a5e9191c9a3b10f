"""DashScope API でテキストをベクトル化する（DashScope Python SDK）。"""

import json
import os
import sys
from http import HTTPStatus

import dashscope

dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"


def fail(response):
    """API のエラー本文を出力し、0 以外の終了コードで終了します。"""
    # API がエラーステータスを返しました。エラー本文を出力します。
    error = {
        "code": response.code,
        "message": response.message,
        "request_id": response.request_id,
    }
    print(f"HTTP {response.status_code}:", json.dumps(error), file=sys.stderr)
    sys.exit(1)


# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

response = dashscope.TextEmbedding.call(
    api_key=api_key,
    model="text-embedding-v4",
    input=[
        "The wind is strong and the sky is high.",
        "Apes cry sadly on the river bank.",
    ],
    dimension=1024,
    text_type="document",
)

if response.status_code != HTTPStatus.OK:
    fail(response)

# ベクトル: 長さと先頭の値を出力します。
vector = response["output"]["embeddings"][0]["embedding"]
print(f"{len(vector)} 次元: {vector[:5]}")
