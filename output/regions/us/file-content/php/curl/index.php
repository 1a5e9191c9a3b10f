<?php

// Download the results of a batch (PHP curl extension).
// Reads the API key from DASHSCOPE_API_KEY; saves the answer to results.jsonl, or prints the error body and exits non-zero.

$url = 'https://dashscope-us.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content';

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

// Save the answer to results.jsonl in the current folder.
if (file_put_contents('results.jsonl', $response) === false) {
    fwrite(STDERR, 'Cannot write results.jsonl.' . PHP_EOL);
    exit(1);
}
printf('Saved results.jsonl (%d bytes)' . PHP_EOL, strlen($response));

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
