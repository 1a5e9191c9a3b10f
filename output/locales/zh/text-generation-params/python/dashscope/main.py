"""使用文档中的全部参数通过 DashScope API 调用 Qwen-Plus（DashScope Python SDK）。"""

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

response = dashscope.Generation.call(
    api_key=api_key,
    model="qwen-plus",
    messages=[
        {
            "role": "system",
            "content": "You are a helpful assistant.",
        },
        {
            "role": "user",
            "content": "Give me three tips for writing clear documentation.",
        },
    ],
    result_format="message",
    temperature=0.7,
    top_p=0.8,
    top_k=20,
    seed=1234,
    max_tokens=512,
    repetition_penalty=1.05,
    presence_penalty=0.5,
    stop=[
        "\n\n",
        "END",
    ],
    enable_search=False,
    enable_thinking=False,
)

if response.status_code != HTTPStatus.OK:
    fail(response)

print(response["output"]["choices"][0]["message"]["content"])
