// ドキュメント抽出用にファイルをアップロードする（C# HttpClient）。
// DASHSCOPE_API_KEY から API キーを読み取り、応答を出力します。エラーのときはエラー本文を出力し、0 以外で終了します。
using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files";

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
        // アップロードするファイルはカレントフォルダーから読み込みます。
        if (!File.Exists("report.txt"))
        {
            Console.Error.WriteLine("report.txt を読み込めません。ファイルをカレントフォルダーに置いてください。");
            return 1;
        }

        // 既定のハンドラーは HTTPS_PROXY に従います。60 秒でタイムアウトします。
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        using (var request = new HttpRequestMessage(new HttpMethod("POST"), ApiUrl))
        {
            try
            {
                // multipart/form-data: テキストフィールドに続けて、各ファイルをファイル名とコンテンツタイプ付きで追加します。
                var form = new MultipartFormDataContent();
                AddPart(form, new StringContent("file-extract"), "form-data; name=" + Quote("purpose"));
                var file1 = new ByteArrayContent(File.ReadAllBytes("report.txt"));
                file1.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain");
                AddPart(form, file1, "form-data; name=" + Quote("file") + "; filename=" + Quote("report.txt"));
                request.Content = form;
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
            catch (IOException error)
            {
                Console.Error.WriteLine("ファイルを読み書きできません: " + error.Message);
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

    // part を Content-Disposition ヘッダー付きで form に追加します。MultipartContent はパートのヘッダーを Latin-1（1 文字 1 バイト）で書き出すので、ヘッダーにはテキストの UTF-8 バイト列を入れます。これでどんな名前も書いたとおりに届きます。
    static void AddPart(MultipartFormDataContent form, HttpContent part, string disposition)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(disposition);
        part.Headers.TryAddWithoutValidation("Content-Disposition", Encoding.GetEncoding("ISO-8859-1").GetString(utf8));
        form.Add(part);
    }

    // HTML 標準の書き方による Content-Disposition ヘッダー内の名前です。引用符で囲み、CR、LF、" はパーセントエンコードします。
    static string Quote(string text)
    {
        return "\"" + text.Replace("\r", "%0D").Replace("\n", "%0A").Replace("\"", "%22") + "\"";
    }

    // API がエラーステータスで応答しました。メッセージにはステータスとエラー本文が含まれます。
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
