"""通过 OpenAI 兼容 API 生成文本向量（OpenAI Python SDK）。"""

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
    result = client.embeddings.create(
        model="text-embedding-v4",
        input="The quality of the clothes is excellent.",
        dimensions=1024,
        encoding_format="float",
    )
except APIStatusError as error:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

# 向量：输出其长度和前几个值。
vector = result.data[0].embedding
print(f"{len(vector)} 维：{vector[:5]}")
