// Generate a video with Wan as an asynchronous task (Node.js 18+, built-in fetch).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

import { setTimeout as sleep } from "node:timers/promises";

const url =
  "https://dashscope-us.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";
const taskUrl = "https://dashscope-us.aliyuncs.com/api/v1/tasks/";
const pollInterval = 1; // seconds between two polls of the task
const pollTimeout = 600; // seconds to wait for the task to end

// Read the API key from the environment; never write it into the code.
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error(
    "Set the DASHSCOPE_API_KEY environment variable to your API key.",
  );
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
  console.error("Request failed:", error.message);
  process.exit(1);
}

const text = await response.text();
if (!response.ok) {
  // The API answered with an error status: print its error body.
  console.error(`HTTP ${response.status}: ${text}`);
  process.exit(1);
}

// An asynchronous task: read its id, then poll it until it ends or the timeout passes.
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
    console.error("Request failed:", error.message);
    process.exit(1);
  }
  const pollText = await poll.text();
  if (!poll.ok) {
    // The API answered with an error status: print its error body.
    console.error(`HTTP ${poll.status}: ${pollText}`);
    process.exit(1);
  }
  task = JSON.parse(pollText);
  const status = task.output?.task_status;
  if (["SUCCEEDED"].includes(status)) {
    break;
  }
  if (["FAILED", "CANCELED", "UNKNOWN"].includes(status)) {
    // The task failed: print its answer, which says why.
    console.error("The task failed:", JSON.stringify(task));
    process.exit(1);
  }
  if (Date.now() + pollInterval * 1000 > deadline) {
    console.error(`The task did not end within ${pollTimeout} seconds.`);
    process.exit(1);
  }
  await sleep(pollInterval * 1000);
}

console.log(JSON.stringify(task, null, 2));
