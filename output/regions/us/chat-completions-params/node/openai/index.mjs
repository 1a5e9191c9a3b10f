// Call Qwen-Plus with every documented parameter (OpenAI Node.js SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

import OpenAI from "openai";

// Read the API key from the environment; never write it into the code.
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error(
    "Set the DASHSCOPE_API_KEY environment variable to your API key.",
  );
  process.exit(1);
}

const client = new OpenAI({
  apiKey,
  baseURL: "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
});

try {
  const result = await client.chat.completions.create({
    model: "qwen-plus",
    messages: [
      {
        role: "system",
        content: "You are a helpful assistant. Answer in JSON.",
      },
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
  });
  const reply = result.choices?.[0]?.message?.content;
  console.log(reply);
} catch (error) {
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) {
    console.error("Request failed:", error.message);
    process.exit(1);
  }
  // The API answered with an error status: print its error body.
  const body = JSON.stringify({ error: error.error });
  console.error(`HTTP ${error.status}: ${body}`);
  process.exit(1);
}
