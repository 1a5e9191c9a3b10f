"""查询异步任务的状态（DashScope Python SDK）。"""

import json
import os
import sys
from http import HTTPStatus

import dashscope

dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"


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

response = dashscope.ImageSynthesis.fetch(
    "86ecf553-d340-4e21-af6e-a0c6a421c010", api_key=api_key
)

if response.status_code != HTTPStatus.OK:
    fail(response)

reply = response["output"]
print(json.dumps(reply, ensure_ascii=False, indent=2, default=str))
