"""各イベントがそれまでの全文を含む Qwen-Plus の応答をストリーミングする（DashScope Python SDK）。"""

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

responses = dashscope.Generation.call(
    api_key=api_key,
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
    result_format="message",
    incremental_output=False,
    stream=True,
    headers={
        "X-DashScope-SSE": "enable",
    },
)

# 応答の各断片を届いた順に出力します。
# 各イベントにはそれまでのテキスト全体が入っています。新しい部分だけを出力します。
printed = ""
for response in responses:
    if response.status_code != HTTPStatus.OK:
        fail(response)
    whole = response["output"]["choices"][0]["message"]["content"]
    print(whole.removeprefix(printed), end="", flush=True)
    printed = whole
print()
