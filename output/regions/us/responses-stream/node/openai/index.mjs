// Stream a reply with the Responses API (OpenAI Node.js SDK).
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
  baseURL:
    "https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1",
});

try {
  const stream = await client.responses.create({
    model: "qwen-plus",
    instructions: "Answer in one sentence.",
    input: "What can the Responses API do?",
    stream: true,
  });
  // Print each piece of the reply as soon as it arrives.
  for await (const event of stream) {
    if (event.type === "response.output_text.delta") {
      const piece = event.delta;
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
