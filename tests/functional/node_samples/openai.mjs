import OpenAI from "openai";
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("Set DASHSCOPE_API_KEY");
  process.exit(1);
}
const client = new OpenAI({ apiKey, baseURL: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1" });
try {
  const completion = await client.chat.completions.create({ model: "qwen-plus", messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: "Who are you?" }] });
  console.log(JSON.stringify(completion, null, 2));
} catch (error) {
  if (error instanceof OpenAI.APIError) {
    console.error(`HTTP ${error.status}: ${JSON.stringify(error.error)}`);
    process.exit(1);
  }
  throw error;
}
