"""上传用于文档解析的文件（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files"


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

headers = {
    "Authorization": "Bearer " + api_key,
}
# multipart/form-data 请求体：文本字段，以及带文件名和类型的各个文件。
fields = {
    "purpose": "file-extract",
}
files = [
    ("file", ("report.txt", read_file("report.txt"), "text/plain")),
]

try:
    response = requests.post(URL, headers=headers, data=fields, files=files, timeout=60)
except requests.RequestException as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
