// Download the results of a batch (OpenAI Node.js SDK).
// Reads the API key from DASHSCOPE_API_KEY; saves the answer to results.jsonl, or prints the error body and exits non-zero.

import { writeFile } from "node:fs/promises";
import OpenAI from "openai";

const saveAs = "results.jsonl";

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
  const response = await client.files.content(
    "file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f",
  );
  // The answer is a file: save its bytes.
  const bytes = Buffer.from(await response.arrayBuffer());
  await writeFile(saveAs, bytes);
  console.log(`Saved ${saveAs} (${bytes.length} bytes)`);
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
