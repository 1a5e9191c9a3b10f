// 以异步任务方式用 Wan 生成视频（C# HttpClient）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，提交任务并轮询直到结束，然后输出结果；失败时输出错误并以非零状态退出。
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

    // JSON 请求正文。
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

    // 任务 ID 及其状态在响应中的位置，以针对其 JSON 的 XML 视图的 XPath 表示。
    const string TaskIdPath = "/root/output/task_id";
    const string TaskStatusPath = "/root/output/task_status";
    const string TaskPollUrl = "https://dashscope-intl.aliyuncs.com/api/v1/tasks/";

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
                request.Headers.TryAddWithoutValidation("X-DashScope-Async", "enable");

                byte[] reply = await SendAsync(client, request);

                // 响应中给出了任务：轮询直到任务结束。
                string submitted = Encoding.UTF8.GetString(reply);
                string taskId = TextAt(submitted, TaskIdPath);
                if (taskId.Length == 0)
                {
                    Console.Error.WriteLine("响应中没有任务 ID： " + submitted);
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
                                Console.Error.WriteLine("任务失败： " + answer);
                                return 1;
                        }
                    }
                    // 其他任何状态都表示任务仍在运行。
                    if (clock.Elapsed >= TimeSpan.FromSeconds(600))
                    {
                        Console.Error.WriteLine("任务未在 600 秒内结束。");
                        return 1;
                    }
                }
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
            catch (XmlException error)
            {
                Console.Error.WriteLine("无法解析响应： " + error.Message);
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

    // JSON 文档中 xpath 处的文本；没有时为空字符串。
    // DataContractJsonSerializer 的 JSON 读取器将 JSON 呈现为 XML：文档元素是 <root>。
    // 对象的成员是以键命名的元素；数组的值是 <item> 元素。
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

    // API 返回了错误状态；消息中包含状态码和错误正文。
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
