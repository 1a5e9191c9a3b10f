"""上传用于文档解析的文件（OpenAI Python SDK）。"""

import os
import sys

from openai import APIError, APIStatusError, OpenAI


def read_file(path):
    """要上传的文件的字节；无法读取时给出明确提示并以状态 1 退出。"""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        print("无法读取要上传的文件：", error, file=sys.stderr)
        sys.exit(1)


# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)

try:
    # 上传本地文件，并附上文件名和类型。
    result = client.files.create(
        file=("report.txt", read_file("report.txt"), "text/plain"),
        purpose="file-extract",
    )
except APIStatusError as error:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

print(result.id)
