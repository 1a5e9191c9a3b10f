// Create a batch job (OpenAI Node.js SDK).
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
  const result = await client.batches.create({
    input_file_id: "file-batch-5b9c8a7d6e5f4a3b2c1d0e9f",
    endpoint: "/v1/chat/completions",
    completion_window: "24h",
    metadata: {
      ds_name: "Quarterly reports",
      ds_description: "Summaries of the quarterly reports",
    },
  });
  const reply = result.id;
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
