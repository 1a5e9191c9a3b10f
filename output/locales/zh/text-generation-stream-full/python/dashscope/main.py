"""流式获取每个事件都包含迄今完整文本的 Qwen-Plus 回复（DashScope Python SDK）。"""

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

# 按到达顺序输出回复的每个片段。
# 每个事件都包含到目前为止的全部文本：只输出新增的部分。
printed = ""
for response in responses:
    if response.status_code != HTTPStatus.OK:
        fail(response)
    whole = response["output"]["choices"][0]["message"]["content"]
    print(whole.removeprefix(printed), end="", flush=True)
    printed = whole
print()
