<?php

// バッチの結果をダウンロードする（PHP curl 拡張）。
// API キーを DASHSCOPE_API_KEY から読み込み、応答を results.jsonl に保存します。失敗した場合はエラー本文を出力し、0 以外で終了します。

$url = 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content';

// API キーは環境変数から読み取ります。コードに直接書かないでください。
$apiKey = getenv('DASHSCOPE_API_KEY');
if ($apiKey === false || $apiKey === '') {
    fwrite(STDERR, '環境変数 DASHSCOPE_API_KEY に API キーを設定してください。' . PHP_EOL);
    exit(1);
}

$headers = [
    'Authorization: Bearer ' . $apiKey,
];

$response = send('GET', $url, $headers);

// 応答をカレントフォルダーの results.jsonl に保存します。
if (file_put_contents('results.jsonl', $response) === false) {
    fwrite(STDERR, 'results.jsonl に書き込めません。' . PHP_EOL);
    exit(1);
}
printf('results.jsonl を保存しました（%d バイト）' . PHP_EOL, strlen($response));

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
