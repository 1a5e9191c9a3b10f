"""ドキュメント抽出用にファイルをアップロードする（Python requests）。"""

import json
import os
import sys

import requests

URL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files"


def read_file(path):
    """アップロードするファイルのバイト列。読み込めないときは分かりやすいメッセージを出して終了コード 1 で終了します。"""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        print("アップロードするファイルを読み込めません:", error, file=sys.stderr)
        sys.exit(1)


# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

headers = {
    "Authorization": "Bearer " + api_key,
}
# multipart/form-data の本文: テキストフィールドと、名前と種類を付けた各ファイル。
fields = {
    "purpose": "file-extract",
}
files = [
    ("file", ("report.txt", read_file("report.txt"), "text/plain")),
]

try:
    response = requests.post(URL, headers=headers, data=fields, files=files, timeout=60)
except requests.RequestException as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
