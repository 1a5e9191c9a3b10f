// 下载批处理结果（OpenAI Node.js SDK）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，将响应保存到 results.jsonl；失败时输出错误正文并以非零状态退出。

import { writeFile } from "node:fs/promises";
import OpenAI from "openai";

const saveAs = "results.jsonl";

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
  const response = await client.files.content(
    "file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f",
  );
  // 响应是一个文件：保存其字节。
  const bytes = Buffer.from(await response.arrayBuffer());
  await writeFile(saveAs, bytes);
  console.log(`已保存 ${saveAs}（${bytes.length} 字节）`);
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
