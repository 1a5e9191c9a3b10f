// 用 Responses API 流式获取回复（Node.js 18 及以上，内置 fetch）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，流式输出回复；出错时输出错误正文并以非零状态退出。

const url =
  "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses";

// 从环境变量读取 API 密钥；切勿将其写入代码。
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。");
  process.exit(1);
}

const body = {
  model: "qwen-plus",
  instructions: "Answer in one sentence.",
  input: "What can the Responses API do?",
  stream: true,
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

if (!response.ok) {
  // API 返回了错误状态：输出其错误正文。
  console.error(`HTTP ${response.status}: ${await response.text()}`);
  process.exit(1);
}

// 每个服务器发送事件的名称和 data 字段，一旦该行完整即返回。
async function* events(stream) {
  let buffer = "";
  let name = "message";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    buffer += text;
    const lines = buffer.split(/\r?\n/);
    buffer = lines.pop(); // 不完整的行等待下一个数据块
    for (const line of lines) {
      if (line.startsWith("event:")) {
        name = line.slice("event:".length).trim();
      } else if (line.startsWith("data:")) {
        yield { name, data: line.slice("data:".length).trim() };
      } else if (line === "") {
        name = "message";
      }
    }
  }
}

// 回复的每个片段一到达就立即输出。
for await (const { name, data } of events(response.body)) {
  if (data === "[DONE]") {
    break;
  }
  const event = JSON.parse(data);
  if (name === "error" || event.error) {
    // 流因错误事件而中断：输出该事件并以非零状态退出。
    process.stdout.write("\n");
    console.error("流以错误结束：", data);
    process.exit(1);
  }
  const piece = event.delta;
  if (piece) {
    process.stdout.write(piece);
  }
}
process.stdout.write("\n");
