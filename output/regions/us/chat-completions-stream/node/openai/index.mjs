// Stream a Qwen-Plus reply through the OpenAI-compatible API (OpenAI Node.js SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams in, or the error body and exits non-zero.

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
  const stream = await client.chat.completions.create({
    model: "qwen-plus",
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "Who are you?" },
    ],
    stream: true,
  });
  // Print each piece of the reply as soon as it arrives.
  for await (const chunk of stream) {
    const piece = chunk.choices?.[0]?.delta?.content;
    if (piece) {
      process.stdout.write(piece);
    }
  }
  process.stdout.write("\n");
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
