// Call Qwen-Plus with every documented parameter (Node.js 18+, built-in fetch).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

const url =
  "https://dashscope-us.aliyuncs.com/compatible-mode/v1/chat/completions";

// Read the API key from the environment; never write it into the code.
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error(
    "Set the DASHSCOPE_API_KEY environment variable to your API key.",
  );
  process.exit(1);
}

const body = {
  model: "qwen-plus",
  messages: [
    { role: "system", content: "You are a helpful assistant. Answer in JSON." },
    {
      role: "user",
      content: "Name three colours of the rainbow as a JSON list.",
    },
  ],
  temperature: 0.7,
  top_p: 0.8,
  top_k: 20,
  seed: 1234,
  max_tokens: 512,
  n: 1,
  presence_penalty: 0.5,
  frequency_penalty: 0.2,
  stop: ["\n\n", "END"],
  response_format: { type: "json_object" },
  enable_search: false,
  enable_thinking: false,
  logprobs: false,
  user: "docs-sample",
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
  console.error("Request failed:", error.message);
  process.exit(1);
}

const text = await response.text();
if (!response.ok) {
  // The API answered with an error status: print its error body.
  console.error(`HTTP ${response.status}: ${text}`);
  process.exit(1);
}

console.log(JSON.stringify(JSON.parse(text), null, 2));
