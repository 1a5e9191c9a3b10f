"""ドキュメント抽出用にファイルをアップロードする（OpenAI Python SDK）。"""

import os
import sys

from openai import APIError, APIStatusError, OpenAI


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

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)

try:
    # ローカルファイルを名前と種類を付けてアップロードします。
    result = client.files.create(
        file=("report.txt", read_file("report.txt"), "text/plain"),
        purpose="file-extract",
    )
except APIStatusError as error:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

print(result.id)
