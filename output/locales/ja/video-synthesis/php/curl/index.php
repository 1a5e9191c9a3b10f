<?php

// 非同期タスクとして Wan で動画を生成する（PHP curl 拡張）。
// API キーを DASHSCOPE_API_KEY から読み込み、タスクを送信して終了するまでポーリングし、結果を出力します。失敗した場合はエラーを出力し、0 以外で終了します。

$url = 'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis';

// API キーは環境変数から読み取ります。コードに直接書かないでください。
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, '環境変数 DASHSCOPE_API_KEY に API キーを設定してください。' . PHP_EOL);
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

// 応答にタスクが示されます。終了するまでポーリングします。
$submitted = json_decode($response, true, 512, JSON_THROW_ON_ERROR);
$taskId = $submitted['output']['task_id'] ?? '';
if (!is_scalar($taskId) || (string) $taskId === '') {
    fwrite(STDERR, '応答にタスク ID がありません:' . ' ' . $response . PHP_EOL);
    exit(1);
}
$pollUrl = 'https://dashscope-intl.aliyuncs.com/api/v1/tasks/' . rawurlencode((string) $taskId);
$pollHeaders = [
    'Authorization: Bearer ' . $apiKey,
];

$deadline = microtime(true) + 600.0;
while (true) {
    usleep(1000000); // ポーリングの間隔を待つ
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
        fwrite(STDERR, 'タスクが失敗しました:' . ' ' . $response . PHP_EOL);
        exit(1);
    }
    // それ以外の状態は、タスクがまだ実行中であることを示します。
    if (microtime(true) >= $deadline) {
        fwrite(STDERR, 'タスクが 600 秒以内に終了しませんでした。' . PHP_EOL);
        exit(1);
    }
}

// リクエストを 1 件送信し、応答の本文を返します。失敗した場合はエラーを出力して終了します。
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
        fwrite(STDERR, 'リクエストが失敗しました:' . ' ' . curl_error($ch) . PHP_EOL);
        exit(1);
    }
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);

    if ($status < 200 || $status >= 300) {
        // API がエラーステータスを返しました。エラー本文を出力します。
        fwrite(STDERR, "HTTP $status: $response" . PHP_EOL);
        exit(1);
    }
    return $response;
}
