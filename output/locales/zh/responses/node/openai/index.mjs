// 用 Responses API 生成回复（OpenAI Node.js SDK）。
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
  baseURL:
    "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1",
});

try {
  const result = await client.responses.create({
    model: "qwen-plus",
    instructions: "Answer in one sentence.",
    input: "What can the Responses API do?",
  });
  const reply = result.output?.[0]?.content?.[0]?.text;
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
