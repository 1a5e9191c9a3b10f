// Stream a reply with the Responses API (Node.js 18+, built-in fetch).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams in, or the error body and exits non-zero.

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
  stream: true,
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

if (!response.ok) {
  // The API answered with an error status: print its error body.
  console.error(`HTTP ${response.status}: ${await response.text()}`);
  process.exit(1);
}

// The name and data field of each server-sent event, as soon as its line is complete.
async function* events(stream) {
  let buffer = "";
  let name = "message";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    buffer += text;
    const lines = buffer.split(/\r?\n/);
    buffer = lines.pop(); // an incomplete line waits for the next chunk
    for (const line of lines) {
      if (line.startsWith("event:")) {
        name = line.slice("event:".length).trim();
      } else if (line.startsWith("data:")) {
        yield { name, data: line.slice("data:".length).trim() };
      } else if (line === "") {
        name = "message";
      }
    }
  }
}

// Print each piece of the reply as soon as it arrives.
for await (const { name, data } of events(response.body)) {
  if (data === "[DONE]") {
    break;
  }
  const event = JSON.parse(data);
  if (name === "error" || event.error) {
    // The stream broke off with an error event: print it and exit non-zero.
    process.stdout.write("\n");
    console.error("The stream ended with an error:", data);
    process.exit(1);
  }
  const piece = event.delta;
  if (piece) {
    process.stdout.write(piece);
  }
}
process.stdout.write("\n");
