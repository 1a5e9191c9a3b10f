// 取消批处理任务（OpenAI Node.js SDK）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。

import OpenAI from "openai";

// 从环境变量读取 API 密钥；切勿将其写入代码。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。");
  process.exit(1);
}

const client = new OpenAI({
  apiKey,
  baseURL: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
});

try {
  const result = await client.batches.cancel(
    "batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
  );
  const reply = result.status;
  console.log(reply);
} catch (error) {
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) {
    console.error("请求失败：", error.message);
    process.exit(1);
  }
  // API 返回了错误状态：输出其错误正文。
  const body = JSON.stringify({ error: error.error });
  console.error(`HTTP ${error.status}: ${body}`);
  process.exit(1);
}
