// バッチの結果をダウンロードする（Node.js 18 以降、組み込みの fetch）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。

import { writeFile } from "node:fs/promises";

const url =
  "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content";
const saveAs = "results.jsonl";

// API キーは環境変数から読み取ります。コードに直接書かないでください。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。");
  process.exit(1);
}

let response;
try {
  response = await fetch(url, {
    method: "GET",
    headers: {
      Authorization: "Bearer " + apiKey,
    },
  });
} catch (error) {
  console.error("リクエストが失敗しました:", error.message);
  process.exit(1);
}

if (!response.ok) {
  // API がエラーステータスを返しました。エラー本文を出力します。
  console.error(`HTTP ${response.status}: ${await response.text()}`);
  process.exit(1);
}

// 応答はファイルです。そのバイト列を保存します。
const data = Buffer.from(await response.arrayBuffer());
await writeFile(saveAs, data);
console.log(`${saveAs} を保存しました（${data.length} バイト）`);
