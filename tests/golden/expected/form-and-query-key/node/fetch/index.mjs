// Send a form "$(id)" `x` ${x} */ ?> (Node.js 18+, built-in fetch).
// Reads the API key from ACME_SMS_KEY; prints the reply, or the error body and exits non-zero.

const url =
  "https://sms.acme-telecom.net/v1/accounts/a%2Fb%20c%3Fd%23e%25f%22g%27h/messages?note=x%26y%3Dz%20%22q%22%20%27r%27%20%24%7Bs%7D%20%24%28t%29%20%5Cu0041%20%E4%B8%AD%E6%96%87";

// Read the API key from the environment; never write it into the code.
const apiKey = process.env.ACME_SMS_KEY;
if (!apiKey) {
  console.error("Set the ACME_SMS_KEY environment variable to your API key.");
  process.exit(1);
}

// The API key travels in the query string, percent-encoded.
const requestUrl = url + "&api_key=" + encodeURIComponent(apiKey);
// A form body: URLSearchParams encodes it as application/x-www-form-urlencoded.
const form = new URLSearchParams([
  ['to "who"', "+1 555 0100"],
  ["from", "Acme & Co; $(id) `id` ${HOME} #{x} {{7*7}} %s"],
  ["body\nline", "line1\nline2\r\n\ttab \\ back'slash\" 😀 \u202e"],
  ["flash", "false"],
  ["count", "3"],
]);

let response;
try {
  response = await fetch(requestUrl, {
    method: "POST",
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
