// Embed a text through the OpenAI-compatible API (OpenAI Node.js SDK).
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
  const result = await client.embeddings.create({
    model: "text-embedding-v4",
    input: "The quality of the clothes is excellent.",
    dimensions: 1024,
    encoding_format: "float",
  });
  // A vector: print its length and first values.
  const vector = result.data?.[0]?.embedding;
  console.log(
    `${vector.length} dimensions: ${JSON.stringify(vector.slice(0, 5))}`,
  );
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
