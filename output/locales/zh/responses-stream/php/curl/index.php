<?php

// 用 Responses API 流式获取回复（PHP curl 扩展）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，流式输出回复；出错时输出错误正文并以非零状态退出。

$url = 'https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses';

// 从环境变量读取 API 密钥；切勿将其写入代码。
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, '请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。' . PHP_EOL);
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

$done = false; // [DONE] 表示流结束
$streamError = null; // 流中出现错误事件时该事件的数据
$buffer = '';
$errorBody = '';

// 如果服务器发送事件的一行带有文本片段，则输出它。
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
    // 在应答到达时逐个完整行地处理。
    CURLOPT_WRITEFUNCTION => function ($ch, string $chunk) use (&$buffer, &$errorBody, $printPiece): int {
        $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        if ($status < 200 || $status >= 300) {
            $errorBody .= $chunk; // 在应答完整后输出
            return strlen($chunk);
        }
        $buffer .= $chunk;
        while (($end = strpos($buffer, "\n")) !== false) {
            $printPiece(rtrim(substr($buffer, 0, $end), "\r"));
            $buffer = substr($buffer, $end + 1); // 不完整的行等待下一个数据块
        }
        return strlen($chunk);
    },
    CURLOPT_TIMEOUT => 60,
]);

curl_exec($ch);
if ($streamError !== null) {
    // 流中的错误事件会结束流：输出该事件并以非零状态退出。
    echo PHP_EOL;
    fwrite(STDERR, $streamError . PHP_EOL);
    exit(1);
}
if (curl_errno($ch) !== 0) {
    fwrite(STDERR, '请求失败：' . ' ' . curl_error($ch) . PHP_EOL);
    exit(1);
}
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
curl_close($ch);

if ($status < 200 || $status >= 300) {
    // API 返回了错误状态：输出其错误正文。
    fwrite(STDERR, "HTTP $status: $errorBody" . PHP_EOL);
    exit(1);
}
echo PHP_EOL;
