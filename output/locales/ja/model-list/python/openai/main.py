"""利用できるモデルを一覧表示する（OpenAI Python SDK）。"""

import os
import sys

from openai import APIError, APIStatusError, OpenAI

# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)

try:
    page = client.models.list()
    # ページを順に読むと、次のページも必要に応じて取得されます（自動ページネーション）。
    for item in page:
        print(item.id)
except APIStatusError as error:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)
