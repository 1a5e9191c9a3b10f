// Create a reply with the Responses API (Node.js 18+, built-in fetch).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

const url =
  "https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses";

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
  instructions: "Answer in one sentence.",
  input: "What can the Responses API do?",
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
