// 创建批处理任务（C# HttpClient）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/batches";

    // JSON 请求正文。
    const string RequestBody = @"{
  ""input_file_id"": ""file-batch-5b9c8a7d6e5f4a3b2c1d0e9f"",
  ""endpoint"": ""/v1/chat/completions"",
  ""completion_window"": ""24h"",
  ""metadata"": {
    ""ds_name"": ""Quarterly reports"",
    ""ds_description"": ""Summaries of the quarterly reports""
  }
}";

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

        // 默认处理程序遵循 HTTPS_PROXY；60 秒后超时。
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        using (var request = new HttpRequestMessage(new HttpMethod("POST"), ApiUrl))
        {
            try
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RequestBody));
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

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

    // API 返回了错误状态；消息中包含状态码和错误正文。
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
