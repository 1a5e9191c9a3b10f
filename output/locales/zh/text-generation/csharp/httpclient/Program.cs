// 通过 DashScope API 调用 Qwen-Plus（C# HttpClient）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥并输出回复；出错时输出错误正文并以非零状态退出。
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation";

    // JSON 请求正文。
    const string RequestBody = @"{
  ""model"": ""qwen-plus"",
  ""input"": {
    ""messages"": [
      {
        ""role"": ""system"",
        ""content"": ""You are a helpful assistant.""
      },
      {
        ""role"": ""user"",
        ""content"": ""Who are you?""
      }
    ]
  },
  ""parameters"": {
    ""result_format"": ""message""
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
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RequestBody));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

            try
            {
                using (HttpResponseMessage response = await client.SendAsync(request))
                {
                    string reply = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        // API 返回了错误状态：输出其错误正文。
                        Console.Error.WriteLine("HTTP " + (int)response.StatusCode + ": " + reply);
                        return 1;
                    }
                    Console.WriteLine(reply);
                    return 0;
                }
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
}
