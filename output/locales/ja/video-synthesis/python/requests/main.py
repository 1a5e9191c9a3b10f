"""非同期タスクとして Wan で動画を生成する（Python requests）。"""

import json
import os
import sys
import time
from urllib.parse import quote

import requests

URL = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis"
TASK_URL = "https://dashscope-intl.aliyuncs.com/api/v1/tasks/"
POLL_INTERVAL = 1.0  # タスクをポーリングする間隔（秒）
POLL_TIMEOUT = 600.0  # タスクの終了を待つ最大秒数

# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

headers = {
    "Authorization": "Bearer " + api_key,
    "Content-Type": "application/json",
    "X-DashScope-Async": "enable",
}
body = {
    "model": "wan2.2-t2v-plus",
    "input": {
        "prompt": "A kitten runs across a sunny meadow, chasing a butterfly.",
    },
    "parameters": {
        "size": "1920*1080",
        "duration": 5,
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

# 非同期タスク: ID を読み取り、終了するかタイムアウトになるまでポーリングします。
task_id = response.json()["output"]["task_id"]
poll_url = TASK_URL + quote(task_id, safe="")
poll_headers = {
    "Authorization": "Bearer " + api_key,
}
deadline = time.monotonic() + POLL_TIMEOUT
while True:
    try:
        poll = requests.get(poll_url, headers=poll_headers, timeout=60)
    except requests.RequestException as error:
        print("リクエストが失敗しました:", error, file=sys.stderr)
        sys.exit(1)
    if not poll.ok:
        # API がエラーステータスを返しました。エラー本文を出力します。
        print(f"HTTP {poll.status_code}: {poll.text}", file=sys.stderr)
        sys.exit(1)
    task = poll.json()
    status = task["output"]["task_status"]
    if status in ("SUCCEEDED",):
        break
    if status in ("FAILED", "CANCELED", "UNKNOWN"):
        # タスクが失敗しました。理由が書かれた応答を出力します。
        message = json.dumps(task, ensure_ascii=False)
        print("タスクが失敗しました:", message, file=sys.stderr)
        sys.exit(1)
    if time.monotonic() + POLL_INTERVAL > deadline:
        print(f"タスクが {POLL_TIMEOUT} 秒以内に終了しませんでした。", file=sys.stderr)
        sys.exit(1)
    time.sleep(POLL_INTERVAL)

print(json.dumps(task, ensure_ascii=False, indent=2))
