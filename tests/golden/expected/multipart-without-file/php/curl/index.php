<?php

// Start a batch from fields only (PHP curl extension).
// Reads the API key from ACME_MEDIA_KEY; prints the reply, or the error body and exits non-zero.

$url = 'https://upload.acme-media.com/v3/batches';

// Read the API key from the environment; never write it into the code.
$apiKey = getenv('ACME_MEDIA_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, 'Set the ACME_MEDIA_KEY environment variable to your API key.' . PHP_EOL);
    exit(1);
}

$headers = [
    'Authorization: Bearer ' . $apiKey,
    'X-Trace;',
];

// The files to upload are read from the current folder.

// An array of fields makes curl send multipart/form-data; CURLFile reads a file.
$fields = [
    'purpose' => 'batch',
    'note' => "two\nlines",
];

$response = send('POST', $url, $headers, $fields);

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
