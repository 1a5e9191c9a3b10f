<?php

// OpenAI 互換 API で画像について Qwen-VL に質問する（PHP curl 拡張）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。

$url = 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions';

// API キーは環境変数から読み取ります。コードに直接書かないでください。
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, '環境変数 DASHSCOPE_API_KEY に API キーを設定してください。' . PHP_EOL);
    exit(1);
}

$headers = [
    'Authorization: Bearer ' . $apiKey,
    'Content-Type: application/json',
];

$body = [
    'model' => 'qwen-vl-plus',
    'messages' => [
        [
            'role' => 'user',
            'content' => [
                [
                    'type' => 'image_url',
                    'image_url' => [
                        'url' => 'https://dashscope.oss-cn-beijing.aliyuncs.com/images/dog_and_girl.jpeg',
                    ],
                ],
                [
                    'type' => 'text',
                    'text' => 'What is in this picture?',
                ],
            ],
        ],
    ],
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

echo json_encode(
    json_decode($response, false, 512, JSON_THROW_ON_ERROR),
    JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION
), PHP_EOL;
