"""使用文档中的全部参数调用 Qwen-Plus（OpenAI Python SDK）。"""

import os
import sys

from openai import APIError, APIStatusError, OpenAI

# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)

try:
    result = client.chat.completions.create(
        model="qwen-plus",
        messages=[
            {
                "role": "system",
                "content": "You are a helpful assistant. Answer in JSON.",
            },
            {
                "role": "user",
                "content": "Name three colours of the rainbow as a JSON list.",
            },
        ],
        temperature=0.7,
        top_p=0.8,
        seed=1234,
        max_tokens=512,
        n=1,
        presence_penalty=0.5,
        frequency_penalty=0.2,
        stop=[
            "\n\n",
            "END",
        ],
        response_format={
            "type": "json_object",
        },
        logprobs=False,
        user="docs-sample",
        extra_body={
            "top_k": 20,
            "enable_search": False,
            "enable_thinking": False,
        },
    )
except APIStatusError as error:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

print(result.choices[0].message.content)
