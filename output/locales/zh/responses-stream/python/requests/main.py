"""用 Responses API 流式获取回复（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses"

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
    "instructions": "Answer in one sentence.",
    "input": "What can the Responses API do?",
    "stream": True,
}

try:
    response = requests.post(URL, headers=headers, json=body, stream=True, timeout=60)
except requests.RequestException as error:
    print("请求失败：", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API 返回了错误状态：输出其错误正文。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# 服务器发送事件：每个 data 行包含一个带有回复片段的 JSON 事件。
# 每个片段到达后立即输出（chunk_size=None 表示数据一到就读取）。
for line in response.iter_lines(chunk_size=None):
    text = line.decode("utf-8")
    if not text.startswith("data:"):
        continue
    data = text.removeprefix("data:").strip()
    if data == "[DONE]":
        break
    event = json.loads(data)
    if "error" in event:
        # 流因错误事件而中断：输出该事件并以非零状态退出。
        print()
        print("流以错误结束：", data, file=sys.stderr)
        sys.exit(1)
    print(event["delta"], end="", flush=True)
print()
