// Upload two files 'with' "quotes" (Node.js 18+, built-in fetch).
// Reads the API key from ACME_MEDIA_KEY; prints the reply, or the error body and exits non-zero.

import { readFile } from "node:fs/promises";

const url = "https://upload.acme-media.com/v3/assets";

// Read the API key from the environment; never write it into the code.
const apiKey = process.env.ACME_MEDIA_KEY;
if (!apiKey) {
  console.error("Set the ACME_MEDIA_KEY environment variable to your API key.");
  process.exit(1);
}

// A multipart/form-data body: text fields, and each file with its name and type.
const form = new FormData();
form.append("album", 'holidays "2026" $(id) ${x} `y`');
form.append("public", "true");
form.append("note", "back\\slash \\n tab\t日本語");
try {
  form.append(
    "image",
    new Blob([await readFile("photo-1.png")], { type: "image/png" }),
    "photo-1.png",
  );
  form.append(
    "caption.text",
    new Blob([await readFile("caption_2.txt")], { type: "text/plain" }),
    "caption_2.txt",
  );
} catch (error) {
  console.error("Cannot read the file to upload:", error.message);
  process.exit(1);
}

let response;
try {
  response = await fetch(url, {
    method: "PUT",
    headers: {
      "x-api-key": apiKey,
    },
    body: form,
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
