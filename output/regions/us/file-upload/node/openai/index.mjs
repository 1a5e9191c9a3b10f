// Upload a file for document extraction (OpenAI Node.js SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

import { readFile } from "node:fs/promises";
import OpenAI, { toFile } from "openai";

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

// Upload the local file with its name and type.
let content;
try {
  content = await readFile("report.txt");
} catch (error) {
  console.error("Cannot read the file to upload:", error.message);
  process.exit(1);
}
const file = await toFile(content, "report.txt", { type: "text/plain" });

try {
  const result = await client.files.create({
    file,
    purpose: "file-extract",
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
