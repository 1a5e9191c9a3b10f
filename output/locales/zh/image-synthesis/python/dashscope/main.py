"""以异步任务方式用 Wan 生成图像（DashScope Python SDK）。"""

import json
import os
import sys
import time
from http import HTTPStatus

import dashscope

dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"
POLL_INTERVAL = 1.0  # 两次轮询任务之间的秒数
POLL_TIMEOUT = 120.0  # 等待任务结束的最长秒数


def fail(response):
    """输出 API 的错误响应体，并以非零状态退出。"""
    # API 返回了错误状态：输出其错误正文。
    error = {
        "code": response.code,
        "message": response.message,
        "request_id": response.request_id,
    }
    print(f"HTTP {response.status_code}:", json.dumps(error), file=sys.stderr)
    sys.exit(1)


# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

# 提交任务（async_call 会发送 X-DashScope-Async: enable），然后轮询该任务。
response = dashscope.ImageSynthesis.async_call(
    api_key=api_key,
    model="wan2.2-t2i-flash",
    prompt="A flower shop with a wooden door and a cat sleeping on the windowsill.",
    size="1024*1024",
    n=1,
)

if response.status_code != HTTPStatus.OK:
    fail(response)

# 每隔 POLL_INTERVAL 秒轮询一次任务，直到任务结束；超过 POLL_TIMEOUT 秒则停止。
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
        # 任务失败：输出说明原因的响应。
        message = json.dumps(response, ensure_ascii=False, default=str)
        print("任务失败：", message, file=sys.stderr)
        sys.exit(1)
    if time.monotonic() + POLL_INTERVAL > deadline:
        print(f"任务未在 {POLL_TIMEOUT} 秒内结束。", file=sys.stderr)
        sys.exit(1)
    time.sleep(POLL_INTERVAL)

print(response["output"]["results"][0]["url"])
