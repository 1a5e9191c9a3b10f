"""下载批处理结果（Python requests）。"""

import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content"
SAVE_AS = "results.jsonl"

# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

headers = {
    "Authorization": "Bearer " + api_key,
}

try:
    response = requests.get(URL, headers=headers, timeout=60)
except requests.RequestException as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# 响应是一个文件：保存其字节。
with open(SAVE_AS, "wb") as file:
    file.write(response.content)
print(f"已保存 {SAVE_AS}（{len(response.content)} 字节）")
