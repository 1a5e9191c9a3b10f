const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error("Set DASHSCOPE_API_KEY");
  process.exit(1);
}
const response = await fetch("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", {
  method: "POST",
  headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
  body: JSON.stringify({ model: "qwen-plus", messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: "Who are you?" }] }),
});
const text = await response.text();
if (!response.ok) {
  console.error(`HTTP ${response.status}: ${text}`);
  process.exit(1);
}
console.log(JSON.stringify(JSON.parse(text), null, 2));
