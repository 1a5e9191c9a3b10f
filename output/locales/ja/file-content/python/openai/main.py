"""バッチの結果をダウンロードする（OpenAI Python SDK）。"""

import os
import sys

from openai import APIError, APIStatusError, OpenAI

SAVE_AS = "results.jsonl"

# API キーは環境変数から読み取ります。コードに直接書かないでください。
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)

try:
    result = client.files.content(
        file_id="file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f",
    )
except APIStatusError as error:
    # API がエラーステータスを返しました。エラー本文を出力します。
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("リクエストが失敗しました:", error, file=sys.stderr)
    sys.exit(1)

# 応答はファイルです。そのバイト列を保存します。
result.write_to_file(SAVE_AS)
print(f"{SAVE_AS} を保存しました（{os.path.getsize(SAVE_AS)} バイト）")
