<?php

// Check a batch job (PHP curl extension).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

$url = 'https://dashscope-us.aliyuncs.com/compatible-mode/v1/batches/batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

// Read the API key from the environment; never write it into the code.
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, 'Set the DASHSCOPE_API_KEY environment variable to your API key.' . PHP_EOL);
    exit(1);
}

$headers = [
    'Authorization: Bearer ' . $apiKey,
];

$response = send('GET', $url, $headers);

echo json_encode(
    json_decode($response, false, 512, JSON_THROW_ON_ERROR),
    JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
), PHP_EOL;

// Send one request and return the answer's body; on a failure print the error and exit.
function send(string $method, string $url, array $headers, string|array|null $body = null): string
{
    $ch = curl_init($url);
    $options = [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 60,
    ];
    if ($body !== null) {
        $options[CURLOPT_POSTFIELDS] = $body;
    }
    curl_setopt_array($ch, $options);

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
    return $response;
}
