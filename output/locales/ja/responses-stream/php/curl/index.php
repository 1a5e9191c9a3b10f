<?php

// Responses API で返答をストリーミングする（PHP curl 拡張）。
// DASHSCOPE_API_KEY から API キーを読み取り、ストリーミングで届く応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。

$url = 'https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses';

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
    'model' => 'qwen-plus',
    'instructions' => 'Answer in one sentence.',
    'input' => 'What can the Responses API do?',
    'stream' => true,
];

$done = false; // [DONE] でストリームが終わります
$streamError = null; // ストリーム内でエラーイベントが届いた場合、そのデータ
$buffer = '';
$errorBody = '';

// Server-Sent Events の 1 行にテキスト断片があれば出力します。
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
    // 届いた応答を、完全な行ごとに処理します。
    CURLOPT_WRITEFUNCTION => function ($ch, string $chunk) use (&$buffer, &$errorBody, $printPiece): int {
        $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        if ($status < 200 || $status >= 300) {
            $errorBody .= $chunk; // 応答がそろった時点で出力します
            return strlen($chunk);
        }
        $buffer .= $chunk;
        while (($end = strpos($buffer, "\n")) !== false) {
            $printPiece(rtrim(substr($buffer, 0, $end), "\r"));
            $buffer = substr($buffer, $end + 1); // 途中までの行は次のチャンクを待ちます
        }
        return strlen($chunk);
    },
    CURLOPT_TIMEOUT => 60,
]);

curl_exec($ch);
if ($streamError !== null) {
    // ストリーム内のエラーイベントでストリームは終わります。イベントを出力し、0 以外で終了します。
    echo PHP_EOL;
    fwrite(STDERR, $streamError . PHP_EOL);
    exit(1);
}
if (curl_errno($ch) !== 0) {
    fwrite(STDERR, 'リクエストが失敗しました:' . ' ' . curl_error($ch) . PHP_EOL);
    exit(1);
}
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
curl_close($ch);

if ($status < 200 || $status >= 300) {
    // API がエラーステータスを返しました。エラー本文を出力します。
    fwrite(STDERR, "HTTP $status: $errorBody" . PHP_EOL);
    exit(1);
}
echo PHP_EOL;
