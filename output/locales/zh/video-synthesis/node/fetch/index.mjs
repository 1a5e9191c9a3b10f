// 以异步任务方式用 Wan 生成视频（Node.js 18 及以上，内置 fetch）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。

import { setTimeout as sleep } from "node:timers/promises";

const url =
  "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";
const taskUrl = "https://dashscope-intl.aliyuncs.com/api/v1/tasks/";
const pollInterval = 1; // 两次轮询任务之间的秒数
const pollTimeout = 600; // 等待任务结束的最长秒数

// 从环境变量读取 API 密钥；切勿将其写入代码。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。");
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
  console.error("请求失败：", error.message);
  process.exit(1);
}

const text = await response.text();
if (!response.ok) {
  // API 返回了错误状态：输出其错误正文。
  console.error(`HTTP ${response.status}: ${text}`);
  process.exit(1);
}

// 异步任务：读取任务 ID，然后轮询，直到任务结束或超时。
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
    console.error("请求失败：", error.message);
    process.exit(1);
  }
  const pollText = await poll.text();
  if (!poll.ok) {
    // API 返回了错误状态：输出其错误正文。
    console.error(`HTTP ${poll.status}: ${pollText}`);
    process.exit(1);
  }
  task = JSON.parse(pollText);
  const status = task.output?.task_status;
  if (["SUCCEEDED"].includes(status)) {
    break;
  }
  if (["FAILED", "CANCELED", "UNKNOWN"].includes(status)) {
    // 任务失败：输出说明原因的响应。
    console.error("任务失败：", JSON.stringify(task));
    process.exit(1);
  }
  if (Date.now() + pollInterval * 1000 > deadline) {
    console.error(`任务未在 ${pollTimeout} 秒内结束。`);
    process.exit(1);
  }
  await sleep(pollInterval * 1000);
}

console.log(JSON.stringify(task, null, 2));
