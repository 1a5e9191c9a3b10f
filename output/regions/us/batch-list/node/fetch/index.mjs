// List batch jobs (Node.js 18+, built-in fetch).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

const url =
  "https://dashscope-us.aliyuncs.com/compatible-mode/v1/batches?limit=10&ds_name=Quarterly%20reports";

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

const text = await response.text();
if (!response.ok) {
  // The API answered with an error status: print its error body.
  console.error(`HTTP ${response.status}: ${text}`);
  process.exit(1);
}

console.log(JSON.stringify(JSON.parse(text), null, 2));
