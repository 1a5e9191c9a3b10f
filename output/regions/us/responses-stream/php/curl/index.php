<?php

// Stream a reply with the Responses API (PHP curl extension).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams in, or the error body and exits non-zero.

$url = 'https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses';

// Read the API key from the environment; never write it into the code.
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, 'Set the DASHSCOPE_API_KEY environment variable to your API key.' . PHP_EOL);
    exit(1);
}

$headers = [
    'Authorization: Bearer ' . $apiKey,
    'Content-Type: application/json',
];

$body = [
    'model' => 'qwen-plus',
    'instructions' => 'Answer in one sentence.',
    'input' => 'What can the Responses API do?',
    'stream' => true,
];

$done = false; // [DONE] ends the stream
$streamError = null; // the data of an error event inside the stream, if one came
$buffer = '';
$errorBody = '';

// Print the text piece of one line of server-sent events, if it carries one.
$printPiece = function (string $line) use (&$done, &$streamError): void {
    if ($done || $streamError !== null || !str_starts_with($line, 'data:')) {
        return;
    }
    $data = trim(substr($line, strlen('data:')));
    if ($data === '[DONE]') {
        $done = true;
        return;
    }
    $event = json_decode($data, true, 512, JSON_THROW_ON_ERROR);
    if (is_array($event) && isset($event['error'])) {
        $streamError = $data;
        return;
    }
    echo $event['delta'] ?? '';
    flush();
};

$ch = curl_init($url);
curl_setopt_array($ch, [
    CURLOPT_CUSTOMREQUEST => 'POST',
    CURLOPT_HTTPHEADER => $headers,
    CURLOPT_POSTFIELDS => json_encode(
        $body,
        JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR
    ),
    // Handle the answer as it arrives, one complete line at a time.
    CURLOPT_WRITEFUNCTION => function ($ch, string $chunk) use (&$buffer, &$errorBody, $printPiece): int {
        $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        if ($status < 200 || $status >= 300) {
            $errorBody .= $chunk; // printed once the answer is complete
            return strlen($chunk);
        }
        $buffer .= $chunk;
        while (($end = strpos($buffer, "\n")) !== false) {
            $printPiece(rtrim(substr($buffer, 0, $end), "\r"));
            $buffer = substr($buffer, $end + 1); // an incomplete line waits for the next chunk
        }
        return strlen($chunk);
    },
    CURLOPT_TIMEOUT => 60,
]);

curl_exec($ch);
if ($streamError !== null) {
    // An error event inside the stream ends it: print the event and exit non-zero.
    echo PHP_EOL;
    fwrite(STDERR, $streamError . PHP_EOL);
    exit(1);
}
if (curl_errno($ch) !== 0) {
    fwrite(STDERR, 'Request failed:' . ' ' . curl_error($ch) . PHP_EOL);
    exit(1);
}
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
curl_close($ch);

if ($status < 200 || $status >= 300) {
    // The API answered with an error status: print its error body.
    fwrite(STDERR, "HTTP $status: $errorBody" . PHP_EOL);
    exit(1);
}
echo PHP_EOL;
