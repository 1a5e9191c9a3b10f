// 非同期タスクとして Wan で動画を生成する（C# HttpClient）。
// API キーを DASHSCOPE_API_KEY から読み込み、タスクを送信して終了するまでポーリングし、結果を出力します。失敗した場合はエラーを出力し、0 以外で終了します。
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Threading.Tasks;
using System.Xml;

class Program
{
    const string ApiUrl = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";

    // JSON のリクエスト本文。
    const string RequestBody = @"{
  ""model"": ""wan2.2-t2v-plus"",
  ""input"": {
    ""prompt"": ""A kitten runs across a sunny meadow, chasing a butterfly.""
  },
  ""parameters"": {
    ""size"": ""1920*1080"",
    ""duration"": 5
  }
}";

    // 応答内のタスク ID とその状態の位置。JSON の XML ビューに対する XPath で表します。
    const string TaskIdPath = "/root/output/task_id";
    const string TaskStatusPath = "/root/output/task_status";
    const string TaskPollUrl = "https://dashscope-intl.aliyuncs.com/api/v1/tasks/";

    // Main は非同期リクエストの完了を待ちます。これで .NET でも Mono でも同じように動作します。
    static int Main()
    {
        return RunAsync().GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync()
    {
        // API キーは環境変数から読み取ります。コードに直接書かないでください。
        var apiKey = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY");
        if (string.IsNullOrEmpty(apiKey))
        {
            Console.Error.WriteLine("環境変数 DASHSCOPE_API_KEY に API キーを設定してください。");
            return 1;
        }

        // 既定のハンドラーは HTTPS_PROXY に従います。60 秒でタイムアウトします。
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        using (var request = new HttpRequestMessage(new HttpMethod("POST"), ApiUrl))
        {
            try
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RequestBody));
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                request.Headers.TryAddWithoutValidation("X-DashScope-Async", "enable");

                byte[] reply = await SendAsync(client, request);

                // 応答にタスクが示されます。終了するまでポーリングします。
                string submitted = Encoding.UTF8.GetString(reply);
                string taskId = TextAt(submitted, TaskIdPath);
                if (taskId.Length == 0)
                {
                    Console.Error.WriteLine("応答にタスク ID がありません: " + submitted);
                    return 1;
                }
                string pollUrl = TaskPollUrl + Uri.EscapeDataString(taskId);
                var clock = Stopwatch.StartNew();
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    using (var poll = new HttpRequestMessage(HttpMethod.Get, pollUrl))
                    {
                        poll.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
                        string answer = Encoding.UTF8.GetString(await SendAsync(client, poll));
                        switch (TextAt(answer, TaskStatusPath))
                        {
                            case "SUCCEEDED":
                                Console.WriteLine(answer);
                                return 0;
                            case "FAILED":
                            case "CANCELED":
                            case "UNKNOWN":
                                Console.Error.WriteLine("タスクが失敗しました: " + answer);
                                return 1;
                        }
                    }
                    // それ以外の状態は、タスクがまだ実行中であることを示します。
                    if (clock.Elapsed >= TimeSpan.FromSeconds(600))
                    {
                        Console.Error.WriteLine("タスクが 600 秒以内に終了しませんでした。");
                        return 1;
                    }
                }
            }
            catch (ApiException error)
            {
                // API がエラーステータスを返しました。エラー本文を出力します。
                Console.Error.WriteLine(error.Message);
                return 1;
            }
            catch (HttpRequestException error)
            {
                Console.Error.WriteLine("リクエストが失敗しました: " + error.Message);
                return 1;
            }
            catch (TaskCanceledException)
            {
                Console.Error.WriteLine("リクエストがタイムアウトしました。");
                return 1;
            }
            catch (XmlException error)
            {
                Console.Error.WriteLine("応答を解析できません: " + error.Message);
                return 1;
            }
        }
    }

    // リクエストを送信し、応答の本文を返します。エラーステータスの場合は API のエラー本文を持つ ApiException をスローします。
    static async Task<byte[]> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (HttpResponseMessage response = await client.SendAsync(request))
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException("HTTP " + (int)response.StatusCode + ": " + Encoding.UTF8.GetString(body));
            }
            return body;
        }
    }

    // JSON ドキュメント内の xpath にあるテキスト。なければ空文字列です。
    // DataContractJsonSerializer の JSON リーダーは JSON を XML として見せます。ドキュメント要素は <root> です。
    // オブジェクトのメンバーはキー名の要素に、配列の値は <item> 要素になります。
    static string TextAt(string json, string xpath)
    {
        var document = new XmlDocument();
        using (var reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json), XmlDictionaryReaderQuotas.Max))
        {
            document.Load(reader);
        }
        var node = document.SelectSingleNode(xpath);
        return node == null ? "" : node.InnerText;
    }

    // API がエラーステータスで応答しました。メッセージにはステータスとエラー本文が含まれます。
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
