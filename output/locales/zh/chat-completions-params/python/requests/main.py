"""使用文档中的全部参数调用 Qwen-Plus（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"

# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

headers = {
    "Authorization": "Bearer " + api_key,
    "Content-Type": "application/json",
}
body = {
    "model": "qwen-plus",
    "messages": [
        {
            "role": "system",
            "content": "You are a helpful assistant. Answer in JSON.",
        },
        {
            "role": "user",
            "content": "Name three colours of the rainbow as a JSON list.",
        },
    ],
    "temperature": 0.7,
    "top_p": 0.8,
    "top_k": 20,
    "seed": 1234,
    "max_tokens": 512,
    "n": 1,
    "presence_penalty": 0.5,
    "frequency_penalty": 0.2,
    "stop": [
        "\n\n",
        "END",
    ],
    "response_format": {
        "type": "json_object",
    },
    "enable_search": False,
    "enable_thinking": False,
    "logprobs": False,
    "user": "docs-sample",
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

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
