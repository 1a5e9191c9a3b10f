// 利用できるモデルを一覧表示する（C# HttpClient）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/models";

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
        using (var request = new HttpRequestMessage(new HttpMethod("GET"), ApiUrl))
        {
            try
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);

                byte[] reply = await SendAsync(client, request);
                Console.WriteLine(Encoding.UTF8.GetString(reply));
                return 0;
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

    // API がエラーステータスで応答しました。メッセージにはステータスとエラー本文が含まれます。
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
