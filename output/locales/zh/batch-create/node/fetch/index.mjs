// 创建批处理任务（Node.js 18 及以上，内置 fetch）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。

const url = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/batches";

// 从环境变量读取 API 密钥；切勿将其写入代码。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。");
  process.exit(1);
}

const body = {
  input_file_id: "file-batch-5b9c8a7d6e5f4a3b2c1d0e9f",
  endpoint: "/v1/chat/completions",
  completion_window: "24h",
  metadata: {
    ds_name: "Quarterly reports",
    ds_description: "Summaries of the quarterly reports",
  },
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
