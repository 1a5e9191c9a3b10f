"""非同期タスクの状態を照会する（DashScope Python SDK）。"""

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

response = dashscope.ImageSynthesis.fetch(
    "86ecf553-d340-4e21-af6e-a0c6a421c010", api_key=api_key
)

if response.status_code != HTTPStatus.OK:
    fail(response)

reply = response["output"]
print(json.dumps(reply, ensure_ascii=False, indent=2, default=str))
