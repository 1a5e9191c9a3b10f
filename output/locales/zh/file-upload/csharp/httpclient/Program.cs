// 上传用于文档解析的文件（C# HttpClient）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。
using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files";

    // Main 等待异步请求完成：这样在 .NET 和 Mono 上都能运行。
    static int Main()
    {
        return RunAsync().GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync()
    {
        // 从环境变量读取 API 密钥；切勿将其写入代码。
        var apiKey = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY");
        if (string.IsNullOrEmpty(apiKey))
        {
            Console.Error.WriteLine("请将环境变量 DASHSCOPE_API_KEY 设置为您的 API 密钥。");
            return 1;
        }
        // 要上传的文件从当前文件夹读取。
        if (!File.Exists("report.txt"))
        {
            Console.Error.WriteLine("无法读取 report.txt：请将该文件放在当前文件夹中。");
            return 1;
        }

        // 默认处理程序遵循 HTTPS_PROXY；60 秒后超时。
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        using (var request = new HttpRequestMessage(new HttpMethod("POST"), ApiUrl))
        {
            try
            {
                // multipart/form-data：先是文本字段，然后是每个文件及其文件名和内容类型。
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
                // API 返回了错误状态：输出其错误正文。
                Console.Error.WriteLine(error.Message);
                return 1;
            }
            catch (HttpRequestException error)
            {
                Console.Error.WriteLine("请求失败： " + error.Message);
                return 1;
            }
            catch (TaskCanceledException)
            {
                Console.Error.WriteLine("请求超时。");
                return 1;
            }
            catch (IOException error)
            {
                Console.Error.WriteLine("无法读写文件： " + error.Message);
                return 1;
            }
        }
    }

    // 发送请求并返回响应正文；遇到错误状态时抛出带有 API 错误正文的 ApiException。
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

    // 把 part 连同其 Content-Disposition 头添加到 form。MultipartContent 以 Latin-1（每个字符一个字节）写出各部分的头，因此头中放的是文本的 UTF-8 字节，任何名称都按原样送达。
    static void AddPart(MultipartFormDataContent form, HttpContent part, string disposition)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(disposition);
        part.Headers.TryAddWithoutValidation("Content-Disposition", Encoding.GetEncoding("ISO-8859-1").GetString(utf8));
        form.Add(part);
    }

    // 按 HTML 标准的写法给出 Content-Disposition 头中的名称：加引号，CR、LF 和 " 进行百分号编码。
    static string Quote(string text)
    {
        return "\"" + text.Replace("\r", "%0D").Replace("\n", "%0A").Replace("\"", "%22") + "\"";
    }

    // API 返回了错误状态；消息中包含状态码和错误正文。
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
