// バッチの結果をダウンロードする（OpenAI Node.js SDK）。
// API キーを DASHSCOPE_API_KEY から読み込み、応答を results.jsonl に保存します。失敗した場合はエラー本文を出力し、0 以外で終了します。

import { writeFile } from "node:fs/promises";
import OpenAI from "openai";

const saveAs = "results.jsonl";

// API キーは環境変数から読み取ります。コードに直接書かないでください。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。");
  process.exit(1);
}

const client = new OpenAI({
  apiKey,
  baseURL: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
});

try {
  const response = await client.files.content(
    "file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f",
  );
  // 応答はファイルです。そのバイト列を保存します。
  const bytes = Buffer.from(await response.arrayBuffer());
  await writeFile(saveAs, bytes);
  console.log(`${saveAs} を保存しました（${bytes.length} バイト）`);
} catch (error) {
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) {
    console.error("リクエストが失敗しました:", error.message);
    process.exit(1);
  }
  // API がエラーステータスを返しました。エラー本文を出力します。
  const body = JSON.stringify({ error: error.error });
  console.error(`HTTP ${error.status}: ${body}`);
  process.exit(1);
}
