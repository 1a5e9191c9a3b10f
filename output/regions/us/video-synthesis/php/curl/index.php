<?php

// Generate a video with Wan as an asynchronous task (PHP curl extension).
// Reads the API key from DASHSCOPE_API_KEY; submits the task, polls it until it ends and prints the result, or prints the error and exits non-zero.

$url = 'https://dashscope-us.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis';

// Read the API key from the environment; never write it into the code.
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, 'Set the DASHSCOPE_API_KEY environment variable to your API key.' . PHP_EOL);
    exit(1);
}

$headers = [
    'Authorization: Bearer ' . $apiKey,
    'Content-Type: application/json',
    'X-DashScope-Async: enable',
];

$body = [
    'model' => 'wan2.2-t2v-plus',
    'input' => [
        'prompt' => 'A kitten runs across a sunny meadow, chasing a butterfly.',
    ],
    'parameters' => [
        'size' => '1920*1080',
        'duration' => 5,
    ],
];

$response = send('POST', $url, $headers, json_encode(
    $body,
    JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR
));

// The answer names the task: poll it until it ends.
$submitted = json_decode($response, true, 512, JSON_THROW_ON_ERROR);
$taskId = $submitted['output']['task_id'] ?? '';
if (!is_scalar($taskId) || (string) $taskId === '') {
    fwrite(STDERR, 'The answer holds no task id:' . ' ' . $response . PHP_EOL);
    exit(1);
}
$pollUrl = 'https://dashscope-us.aliyuncs.com/api/v1/tasks/' . rawurlencode((string) $taskId);
$pollHeaders = [
    'Authorization: Bearer ' . $apiKey,
];

$deadline = microtime(true) + 600.0;
while (true) {
    usleep(1000000); // wait between two polls
    $response = send('GET', $pollUrl, $pollHeaders);
    $task = json_decode($response, true, 512, JSON_THROW_ON_ERROR);
    $state = $task['output']['task_status'] ?? null;
    if (in_array($state, ['SUCCEEDED'], true)) {
        echo json_encode(
            json_decode($response, false, 512, JSON_THROW_ON_ERROR),
            JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
        ), PHP_EOL;
        exit(0);
    }
    if (in_array($state, ['FAILED', 'CANCELED', 'UNKNOWN'], true)) {
        fwrite(STDERR, 'The task failed:' . ' ' . $response . PHP_EOL);
        exit(1);
    }
    // Any other state means the task is still running.
    if (microtime(true) >= $deadline) {
        fwrite(STDERR, 'The task did not finish within 600 seconds.' . PHP_EOL);
        exit(1);
    }
}

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
