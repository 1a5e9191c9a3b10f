// Responses API で返答をストリーミングする（C# HttpClient）。
// DASHSCOPE_API_KEY から API キーを読み取り、ストリーミングで届く応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
using System;
using System.IO;
using System.Net.Http;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Threading.Tasks;
using System.Xml;

class Program
{
    const string ApiUrl = "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses";

    // JSON のリクエスト本文。
    const string RequestBody = @"{
  ""model"": ""qwen-plus"",
  ""instructions"": ""Answer in one sentence."",
  ""input"": ""What can the Responses API do?"",
  ""stream"": true
}";

    // 各イベントでテキスト断片がある場所（JSON の XML ビューに対する XPath）。
    const string ReplyPath = "/root/delta";

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

        // 既定のハンドラーは HTTPS_PROXY に従います。60 秒以内に応答が始まらなければあきらめます。
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        using (var request = new HttpRequestMessage(new HttpMethod("POST"), ApiUrl))
        {
            try
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RequestBody));
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

                using (HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        // API がエラーステータスを返しました。エラー本文を出力します。
                        string reply = await response.Content.ReadAsStringAsync();
                        Console.Error.WriteLine("HTTP " + (int)response.StatusCode + ": " + reply);
                        return 1;
                    }

                    // 応答は Server-Sent Events です。各イベントのテキスト断片を届いた順に出力します。
                    using (Stream stream = await response.Content.ReadAsStreamAsync())
                    using (var reader = new StreamReader(stream, Encoding.UTF8))
                    {
                        while (true)
                        {
                            var line = await reader.ReadLineAsync();
                            if (line == null)
                            {
                                break;
                            }
                            if (!line.StartsWith("data:", StringComparison.Ordinal))
                            {
                                // 各イベントの後の空行を読み飛ばします。
                                continue;
                            }
                            string data = line.Substring("data:".Length);
                            if (data.StartsWith(" ", StringComparison.Ordinal))
                            {
                                data = data.Substring(1);
                            }
                            if (data == "[DONE]")
                            {
                                break;
                            }
                            // ストリーム内のエラーイベントでストリームは終わります。イベントを出力し、0 以外で終了します。
                            if (TextAt(data, "/root/error").Length > 0)
                            {
                                Console.WriteLine();
                                Console.Error.WriteLine(data);
                                return 1;
                            }
                            Console.Write(TextAt(data, ReplyPath));
                            Console.Out.Flush();
                        }
                    }
                    Console.WriteLine();
                    return 0;
                }
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
            catch (IOException error)
            {
                Console.Error.WriteLine("レスポンスを読み取れません: " + error.Message);
                return 1;
            }
            catch (XmlException error)
            {
                Console.Error.WriteLine("応答を解析できません: " + error.Message);
                return 1;
            }
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
}
