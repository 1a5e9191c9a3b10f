"""使用流式参数以流式方式调用 Qwen-Plus（OpenAI Python SDK）。"""

import json
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
    stream = client.chat.completions.create(
        model="qwen-plus",
        messages=[
            {
                "role": "user",
                "content": "Write one sentence about the sea.",
            },
        ],
        stream=True,
        stream_options={
            "include_usage": True,
        },
        temperature=0.7,
        max_tokens=256,
        stop="END",
        extra_body={
            "enable_thinking": False,
        },
    )
    # 按到达顺序输出回复的每个片段。
    for chunk in stream:
        # 有的数据块不含 choices（最后一个只携带用量的数据块）。
        if chunk.choices:
            print(chunk.choices[0].delta.content or "", end="", flush=True)
except APIStatusError as error:
    # API 返回了错误状态：输出其错误正文。
    body = json.dumps(error.body, ensure_ascii=False)
    print(f"HTTP {error.status_code}: {body}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

print()
