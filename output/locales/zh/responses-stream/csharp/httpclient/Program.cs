// 用 Responses API 流式获取回复（C# HttpClient）。
// 从 DASHSCOPE_API_KEY 读取 API 密钥，流式输出回复；出错时输出错误正文并以非零状态退出。
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

    // JSON 请求正文。
    const string RequestBody = @"{
  ""model"": ""qwen-plus"",
  ""instructions"": ""Answer in one sentence."",
  ""input"": ""What can the Responses API do?"",
  ""stream"": true
}";

    // 每个事件中文本片段所在的位置，以其 JSON 的 XML 视图上的 XPath 表示。
    const string ReplyPath = "/root/delta";

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

        // 默认处理程序遵循 HTTPS_PROXY；若 60 秒内应答未开始则放弃。
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
                        // API 返回了错误状态：输出其错误正文。
                        string reply = await response.Content.ReadAsStringAsync();
                        Console.Error.WriteLine("HTTP " + (int)response.StatusCode + ": " + reply);
                        return 1;
                    }

                    // 应答是服务器发送事件：按到达顺序输出每个事件的文本片段。
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
                                // 跳过每个事件之后的空行。
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
                            // 流中的错误事件会结束流：输出该事件并以非零状态退出。
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
                Console.Error.WriteLine("无法读取响应： " + error.Message);
                return 1;
            }
            catch (XmlException error)
            {
                Console.Error.WriteLine("无法解析响应： " + error.Message);
                return 1;
            }
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
}
