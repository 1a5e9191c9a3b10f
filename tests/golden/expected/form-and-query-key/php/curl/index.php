<?php

// Send a form "$(id)" `x` ${x} */ ?\u003e (PHP curl extension).
// Reads the API key from ACME_SMS_KEY; prints the reply, or the error body and exits non-zero.

$url = 'https://sms.acme-telecom.net/v1/accounts/a%2Fb%20c%3Fd%23e%25f%22g%27h/messages?note=x%26y%3Dz%20%22q%22%20%27r%27%20%24%7Bs%7D%20%24%28t%29%20%5Cu0041%20%E4%B8%AD%E6%96%87';

// Read the API key from the environment; never write it into the code.
$apiKey = getenv('ACME_SMS_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, 'Set the ACME_SMS_KEY environment variable to your API key.' . PHP_EOL);
    exit(1);
}
// The API takes the key in the query string, percent-encoded.
$url .= '&api_key=' . rawurlencode($apiKey);

$headers = [];

// The form fields, sent URL-encoded (application/x-www-form-urlencoded).
$form = [
    'to "who"' => '+1 555 0100',
    'from' => 'Acme & Co; $(id) `id` ${HOME} #{x} {{7*7}} %s',
    "body\nline" => "line1\nline2\r\n\ttab \\ back'slash\" 😀 \u{202e}",
    'flash' => 'false',
    'count' => '3',
];

$response = send('POST', $url, $headers, http_build_query($form, '', '&', PHP_QUERY_RFC3986));

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
