// バッチジョブをキャンセルする（Node.js 18 以降、組み込みの fetch）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。

const url =
  "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/batches/batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/cancel";

// API キーは環境変数から読み取ります。コードに直接書かないでください。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。");
  process.exit(1);
}

let response;
try {
  response = await fetch(url, {
    method: "POST",
    headers: {
      Authorization: "Bearer " + apiKey,
    },
  });
} catch (error) {
  console.error("リクエストが失敗しました:", error.message);
  process.exit(1);
}

const text = await response.text();
if (!response.ok) {
  // API がエラーステータスを返しました。エラー本文を出力します。
  console.error(`HTTP ${response.status}: ${text}`);
  process.exit(1);
}

console.log(JSON.stringify(JSON.parse(text), null, 2));
