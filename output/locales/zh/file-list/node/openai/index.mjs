// 列出已上传的文件（OpenAI Node.js SDK）。
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
  const page = client.files.list({
    limit: 10,
  });
  // 遍历该页时会按需获取后续页面（自动分页）。
  for await (const item of page) {
    console.log(JSON.stringify(item, null, 2));
  }
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
