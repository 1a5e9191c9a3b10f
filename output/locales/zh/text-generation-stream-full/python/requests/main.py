"""流式获取每个事件都包含迄今完整文本的 Qwen-Plus 回复（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation"

# 从环境变量读取 API 密钥；切勿将其写入代码。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。")

headers = {
    "Authorization": "Bearer " + api_key,
    "Content-Type": "application/json",
    "X-DashScope-SSE": "enable",
}
body = {
    "model": "qwen-plus",
    "input": {
        "messages": [
            {
                "role": "system",
                "content": "You are a helpful assistant.",
            },
            {
                "role": "user",
                "content": "Who are you?",
            },
        ],
    },
    "parameters": {
        "result_format": "message",
        "incremental_output": False,
    },
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
event_name = ""
# 每个事件都包含到目前为止的全部文本：只输出新增的部分。
printed = ""
for line in response.iter_lines(chunk_size=None):
    text = line.decode("utf-8")
    if text.startswith("event:"):
        event_name = text.removeprefix("event:").strip()
        continue
    if not text.startswith("data:"):
        continue
    data = text.removeprefix("data:").strip()
    event = json.loads(data)
    if event_name == "error":
        # 流因错误事件而中断：输出该事件并以非零状态退出。
        print()
        print("流以错误结束：", data, file=sys.stderr)
        sys.exit(1)
    # 有的事件不含 choices（最后一个只携带用量的事件）。
    if event["output"]["choices"]:
        whole = event["output"]["choices"][0]["message"]["content"]
        print(whole.removeprefix(printed), end="", flush=True)
        printed = whole
print()
