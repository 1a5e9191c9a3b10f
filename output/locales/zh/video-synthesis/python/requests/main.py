"""以异步任务方式用 Wan 生成视频（Python requests）。"""

import json
import os
import sys
import time
from urllib.parse import quote

import requests

URL = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis"
TASK_URL = "https://dashscope-intl.aliyuncs.com/api/v1/tasks/"
POLL_INTERVAL = 1.0  # 两次轮询任务之间的秒数
POLL_TIMEOUT = 600.0  # 等待任务结束的最长秒数

# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

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
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# 异步任务：读取任务 ID，然后轮询，直到任务结束或超时。
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
        print("请求失败：", error, file=sys.stderr)
        sys.exit(1)
    if not poll.ok:
        # API 返回了错误状态：输出其错误正文。
        print(f"HTTP {poll.status_code}: {poll.text}", file=sys.stderr)
        sys.exit(1)
    task = poll.json()
    status = task["output"]["task_status"]
    if status in ("SUCCEEDED",):
        break
    if status in ("FAILED", "CANCELED", "UNKNOWN"):
        # 任务失败：输出说明原因的响应。
        message = json.dumps(task, ensure_ascii=False)
        print("任务失败：", message, file=sys.stderr)
        sys.exit(1)
    if time.monotonic() + POLL_INTERVAL > deadline:
        print(f"任务未在 {POLL_TIMEOUT} 秒内结束。", file=sys.stderr)
        sys.exit(1)
    time.sleep(POLL_INTERVAL)

print(json.dumps(task, ensure_ascii=False, indent=2))
