// 查询批处理任务（Node.js 18 及以上，内置 fetch）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。

const url =
  "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/batches/batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

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

const text = await response.text();
if (!response.ok) {
  // API 返回了错误状态：输出其错误正文。
  console.error(`HTTP ${response.status}: ${text}`);
  process.exit(1);
}

console.log(JSON.stringify(JSON.parse(text), null, 2));
