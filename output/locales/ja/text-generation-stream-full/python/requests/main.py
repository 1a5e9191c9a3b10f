"""各イベントがそれまでの全文を含む Qwen-Plus の応答をストリーミングする（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation"

# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

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
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# Server-Sent Events: 各 data 行は、応答の断片を含む JSON イベントを 1 つ持ちます。
# 届いた断片をすぐに出力します（chunk_size=None でデータを届いたとおりに読み取ります）。
event_name = ""
# 各イベントにはそれまでのテキスト全体が入っています。新しい部分だけを出力します。
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
        # ストリームがエラーイベントで途切れました。それを出力し、0 以外の終了コードで終了します。
        print()
        print("ストリームがエラーで終了しました:", data, file=sys.stderr)
        sys.exit(1)
    # choices を持たないイベントもあります（最後の、使用量だけを運ぶイベント）。
    if event["output"]["choices"]:
        whole = event["output"]["choices"][0]["message"]["content"]
        print(whole.removeprefix(printed), end="", flush=True)
        printed = whole
print()
