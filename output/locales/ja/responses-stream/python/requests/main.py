"""Responses API で返答をストリーミングする（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses"

# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

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
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# Server-Sent Events: 各 data 行は、応答の断片を含む JSON イベントを 1 つ持ちます。
# 届いた断片をすぐに出力します（chunk_size=None でデータを届いたとおりに読み取ります）。
for line in response.iter_lines(chunk_size=None):
    text = line.decode("utf-8")
    if not text.startswith("data:"):
        continue
    data = text.removeprefix("data:").strip()
    if data == "[DONE]":
        break
    event = json.loads(data)
    if "error" in event:
        # ストリームがエラーイベントで途切れました。それを出力し、0 以外の終了コードで終了します。
        print()
        print("ストリームがエラーで終了しました:", data, file=sys.stderr)
        sys.exit(1)
    print(event["delta"], end="", flush=True)
print()
