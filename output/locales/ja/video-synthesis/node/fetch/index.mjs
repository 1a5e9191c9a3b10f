// 非同期タスクとして Wan で動画を生成する（Node.js 18 以降、組み込みの fetch）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。

import { setTimeout as sleep } from "node:timers/promises";

const url =
  "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";
const taskUrl = "https://dashscope-intl.aliyuncs.com/api/v1/tasks/";
const pollInterval = 1; // タスクをポーリングする間隔（秒）
const pollTimeout = 600; // タスクの終了を待つ最大秒数

// API キーは環境変数から読み取ります。コードに直接書かないでください。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。");
  process.exit(1);
}

const body = {
  model: "wan2.2-t2v-plus",
  input: {
    prompt: "A kitten runs across a sunny meadow, chasing a butterfly.",
  },
  parameters: { size: "1920*1080", duration: 5 },
};

let response;
try {
  response = await fetch(url, {
    method: "POST",
    headers: {
      Authorization: "Bearer " + apiKey,
      "Content-Type": "application/json",
      "X-DashScope-Async": "enable",
    },
    body: JSON.stringify(body),
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

// 非同期タスク: ID を読み取り、終了するかタイムアウトになるまでポーリングします。
const submitted = JSON.parse(text);
const taskId = submitted.output?.task_id;
const pollUrl = taskUrl + encodeURIComponent(taskId);
const deadline = Date.now() + pollTimeout * 1000;
let task;
for (;;) {
  let poll;
  try {
    poll = await fetch(pollUrl, {
      headers: {
        Authorization: "Bearer " + apiKey,
      },
    });
  } catch (error) {
    console.error("リクエストが失敗しました:", error.message);
    process.exit(1);
  }
  const pollText = await poll.text();
  if (!poll.ok) {
    // API がエラーステータスを返しました。エラー本文を出力します。
    console.error(`HTTP ${poll.status}: ${pollText}`);
    process.exit(1);
  }
  task = JSON.parse(pollText);
  const status = task.output?.task_status;
  if (["SUCCEEDED"].includes(status)) {
    break;
  }
  if (["FAILED", "CANCELED", "UNKNOWN"].includes(status)) {
    // タスクが失敗しました。理由が書かれた応答を出力します。
    console.error("タスクが失敗しました:", JSON.stringify(task));
    process.exit(1);
  }
  if (Date.now() + pollInterval * 1000 > deadline) {
    console.error(`タスクが ${pollTimeout} 秒以内に終了しませんでした。`);
    process.exit(1);
  }
  await sleep(pollInterval * 1000);
}

console.log(JSON.stringify(task, null, 2));
