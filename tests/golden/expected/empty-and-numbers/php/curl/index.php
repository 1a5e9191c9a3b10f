<?php

// Call Qwen-Plus through the OpenAI-compatible API (PHP curl extension).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

$url = 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions';

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
    'messages' => [
        [
            'role' => 'system',
            'content' => 'You are a helpful assistant.',
        ],
        [
            'role' => 'user',
            'content' => '',
        ],
        [
            'role' => 'assistant',
            'content' => '',
        ],
    ],
    'temperature' => 0.0,
    'top_p' => 1e-07,
    'max_tokens' => 9007199254740991,
];

$ch = curl_init($url);
curl_setopt_array($ch, [
    CURLOPT_CUSTOMREQUEST => 'POST',
    CURLOPT_HTTPHEADER => $headers,
    CURLOPT_POSTFIELDS => json_encode(
        $body,
        JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR
    ),
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT => 60,
]);

$response = curl_exec($ch);
if (curl_errno($ch) !== 0) {
    fwrite(STDERR, 'Request failed:' . ' ' . curl_error($ch) . PHP_EOL);
    exit(1);
}
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
curl_close($ch);

if ($status < 200 || $status >= 300) {
    // The API answered with an error status: print its error body.
    fwrite(STDERR, "HTTP $status: $response" . PHP_EOL);
    exit(1);
}

echo json_encode(
    json_decode($response, false, 512, JSON_THROW_ON_ERROR),
    JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
), PHP_EOL;
