<?php

// 以异步任务方式用 Wan 生成视频（PHP curl 扩展）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，提交任务并轮询直到结束，然后输出结果；失败时输出错误并以非零状态退出。

$url = 'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis';

// 从环境变量读取 API 密钥；切勿将其写入代码。
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, '请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。' . PHP_EOL);
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

// 响应中给出了任务：轮询直到任务结束。
$submitted = json_decode($response, true, 512, JSON_THROW_ON_ERROR);
$taskId = $submitted['output']['task_id'] ?? '';
if (!is_scalar($taskId) || (string) $taskId === '') {
    fwrite(STDERR, '响应中没有任务 ID：' . ' ' . $response . PHP_EOL);
    exit(1);
}
$pollUrl = 'https://dashscope-intl.aliyuncs.com/api/v1/tasks/' . rawurlencode((string) $taskId);
$pollHeaders = [
    'Authorization: Bearer ' . $apiKey,
];

$deadline = microtime(true) + 600.0;
while (true) {
    usleep(1000000); // 两次轮询之间等待
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
        fwrite(STDERR, '任务失败：' . ' ' . $response . PHP_EOL);
        exit(1);
    }
    // 其他任何状态都表示任务仍在运行。
    if (microtime(true) >= $deadline) {
        fwrite(STDERR, '任务未在 600 秒内结束。' . PHP_EOL);
        exit(1);
    }
}

// 发送一个请求并返回响应正文；失败时输出错误并退出。
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
        fwrite(STDERR, '请求失败：' . ' ' . curl_error($ch) . PHP_EOL);
        exit(1);
    }
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);

    if ($status < 200 || $status >= 300) {
        // API 返回了错误状态：输出其错误正文。
        fwrite(STDERR, "HTTP $status: $response" . PHP_EOL);
        exit(1);
    }
    return $response;
}
