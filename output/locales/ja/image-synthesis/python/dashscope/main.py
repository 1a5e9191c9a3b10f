"""非同期タスクとして Wan で画像を生成する（DashScope Python SDK）。"""

import json
import os
import sys
import time
from http import HTTPStatus

import dashscope

dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"
POLL_INTERVAL = 1.0  # タスクをポーリングする間隔（秒）
POLL_TIMEOUT = 120.0  # タスクの終了を待つ最大秒数


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

# タスクを送信し（async_call が X-DashScope-Async: enable を送ります）、その後ポーリングします。
response = dashscope.ImageSynthesis.async_call(
    api_key=api_key,
    model="wan2.2-t2i-flash",
    prompt="A flower shop with a wooden door and a cat sleeping on the windowsill.",
    size="1024*1024",
    n=1,
)

if response.status_code != HTTPStatus.OK:
    fail(response)

# タスクが終了するまで POLL_INTERVAL 秒ごとにポーリングし、POLL_TIMEOUT 秒で打ち切ります。
task_id = response["output"]["task_id"]
deadline = time.monotonic() + POLL_TIMEOUT
while True:
    response = dashscope.ImageSynthesis.fetch(task_id, api_key=api_key)
    if response.status_code != HTTPStatus.OK:
        fail(response)
    status = response["output"]["task_status"]
    if status in ("SUCCEEDED",):
        break
    if status in ("FAILED", "CANCELED", "UNKNOWN"):
        # タスクが失敗しました。理由が書かれた応答を出力します。
        message = json.dumps(response, ensure_ascii=False, default=str)
        print("タスクが失敗しました:", message, file=sys.stderr)
        sys.exit(1)
    if time.monotonic() + POLL_INTERVAL > deadline:
        print(f"タスクが {POLL_TIMEOUT} 秒以内に終了しませんでした。", file=sys.stderr)
        sys.exit(1)
    time.sleep(POLL_INTERVAL)

print(response["output"]["results"][0]["url"])
