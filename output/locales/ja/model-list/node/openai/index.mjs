// 利用できるモデルを一覧表示する（OpenAI Node.js SDK）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。

import OpenAI from "openai";

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
  const page = client.models.list();
  // ページを順に読むと、次のページも必要に応じて取得されます（自動ページネーション）。
  for await (const item of page) {
    const reply = item.id;
    console.log(reply);
  }
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
