// Responses API で返答をストリーミングする（Node.js 18 以降、組み込みの fetch）。
// DASHSCOPE_API_KEY から API キーを読み取り、ストリーミングで届く応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。

const url =
  "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses";

// API キーは環境変数から読み取ります。コードに直接書かないでください。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。");
  process.exit(1);
}

const body = {
  model: "qwen-plus",
  instructions: "Answer in one sentence.",
  input: "What can the Responses API do?",
  stream: true,
};

let response;
try {
  response = await fetch(url, {
    method: "POST",
    headers: {
      Authorization: "Bearer " + apiKey,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(body),
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

// 各サーバー送信イベントの名前と data フィールドを、行がそろい次第返します。
async function* events(stream) {
  let buffer = "";
  let name = "message";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    buffer += text;
    const lines = buffer.split(/\r?\n/);
    buffer = lines.pop(); // 途中までの行は次のチャンクを待ちます
    for (const line of lines) {
      if (line.startsWith("event:")) {
        name = line.slice("event:".length).trim();
      } else if (line.startsWith("data:")) {
        yield { name, data: line.slice("data:".length).trim() };
      } else if (line === "") {
        name = "message";
      }
    }
  }
}

// 応答の各断片を届きしだい出力します。
for await (const { name, data } of events(response.body)) {
  if (data === "[DONE]") {
    break;
  }
  const event = JSON.parse(data);
  if (name === "error" || event.error) {
    // ストリームがエラーイベントで途切れました。それを出力し、0 以外の終了コードで終了します。
    process.stdout.write("\n");
    console.error("ストリームがエラーで終了しました:", data);
    process.exit(1);
  }
  const piece = event.delta;
  if (piece) {
    process.stdout.write(piece);
  }
}
process.stdout.write("\n");
