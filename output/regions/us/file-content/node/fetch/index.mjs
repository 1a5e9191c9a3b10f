// Download the results of a batch (Node.js 18+, built-in fetch).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

import { writeFile } from "node:fs/promises";

const url =
  "https://dashscope-us.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content";
const saveAs = "results.jsonl";

// Read the API key from the environment; never write it into the code.
const apiKey = process.env.DASHSCOPE_API_KEY;
if (!apiKey) {
  console.error(
    "Set the DASHSCOPE_API_KEY environment variable to your API key.",
  );
  process.exit(1);
}

let response;
try {
  response = await fetch(url, {
    method: "GET",
    headers: {
      Authorization: "Bearer " + apiKey,
    },
  });
} catch (error) {
  console.error("Request failed:", error.message);
  process.exit(1);
}

if (!response.ok) {
  // The API answered with an error status: print its error body.
  console.error(`HTTP ${response.status}: ${await response.text()}`);
  process.exit(1);
}

// The answer is a file: save its bytes.
const data = Buffer.from(await response.arrayBuffer());
await writeFile(saveAs, data);
console.log(`Saved ${saveAs} (${data.length} bytes)`);
