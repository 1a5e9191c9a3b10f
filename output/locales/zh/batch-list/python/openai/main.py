"""列出批处理任务（OpenAI Python SDK）。"""

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
    page = client.batches.list(
        limit=10,
        extra_query={
            "ds_name": "Quarterly reports",
        },
    )
    # 遍历该页时会按需获取后续页面（自动分页）。
    for item in page:
        print(json.dumps(item.to_dict(), ensure_ascii=False, indent=2))
except APIStatusError as error:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)
