"""下载批处理结果（OpenAI Python SDK）。"""

import os
import sys

from openai import APIError, APIStatusError, OpenAI

SAVE_AS = "results.jsonl"

# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)

try:
    result = client.files.content(
        file_id="file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f",
    )
except APIStatusError as error:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

# 响应是一个文件：保存其字节。
result.write_to_file(SAVE_AS)
print(f"已保存 {SAVE_AS}（{os.path.getsize(SAVE_AS)} 字节）")
