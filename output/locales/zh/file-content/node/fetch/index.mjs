// 下载批处理结果（Node.js 18 及以上，内置 fetch）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。

import { writeFile } from "node:fs/promises";

const url =
  "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content";
const saveAs = "results.jsonl";

// 从环境变量读取 API 密钥；切勿将其写入代码。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。");
  process.exit(1);
}

let response;
try {
  response = await fetch(url, {
    method: "GET",
    headers: {
      Authorization: "Bearer " + apiKey,
    },
  });
} catch (error) {
  console.error("请求失败：", error.message);
  process.exit(1);
}

if (!response.ok) {
  // API 返回了错误状态：输出其错误正文。
  console.error(`HTTP ${response.status}: ${await response.text()}`);
  process.exit(1);
}

// 响应是一个文件：保存其字节。
const data = Buffer.from(await response.arrayBuffer());
await writeFile(saveAs, data);
console.log(`已保存 ${saveAs}（${data.length} 字节）`);
