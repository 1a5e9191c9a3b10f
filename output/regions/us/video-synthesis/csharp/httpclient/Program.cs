// Generate a video with Wan as an asynchronous task (C# HttpClient).
// Reads the API key from DASHSCOPE_API_KEY; submits the task, polls it until it ends and prints the result, or prints the error and exits non-zero.
using System;
using System.Diagnostics;
using System.Net.Http;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Threading.Tasks;
using System.Xml;

class Program
{
    const string ApiUrl = "https://dashscope-us.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";

    // The JSON request body.
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

    // Where the task id and its state sit in the answers, as XPath over the XML view of their JSON.
    const string TaskIdPath = "/root/output/task_id";
    const string TaskStatusPath = "/root/output/task_status";
    const string TaskPollUrl = "https://dashscope-us.aliyuncs.com/api/v1/tasks/";

    // Main waits for the asynchronous request: this runs on .NET and on Mono alike.
    static int Main()
    {
        return RunAsync().GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync()
    {
        // Read the API key from the environment; never write it into the code.
        var apiKey = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY");
        if (string.IsNullOrEmpty(apiKey))
        {
            Console.Error.WriteLine("Set the DASHSCOPE_API_KEY environment variable to your API key.");
            return 1;
        }

        // The default handler honours HTTPS_PROXY; give up after 60 seconds.
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

                // The answer names the task: poll it until it ends.
                string submitted = Encoding.UTF8.GetString(reply);
                string taskId = TextAt(submitted, TaskIdPath);
                if (taskId.Length == 0)
                {
                    Console.Error.WriteLine("The answer holds no task id: " + submitted);
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
                                Console.Error.WriteLine("The task failed: " + answer);
                                return 1;
                        }
                    }
                    // Any other state means the task is still running.
                    if (clock.Elapsed >= TimeSpan.FromSeconds(600))
                    {
                        Console.Error.WriteLine("The task did not finish within 600 seconds.");
                        return 1;
                    }
                }
            }
            catch (ApiException error)
            {
                // The API answered with an error status: print its error body.
                Console.Error.WriteLine(error.Message);
                return 1;
            }
            catch (HttpRequestException error)
            {
                Console.Error.WriteLine("Request failed: " + error.Message);
                return 1;
            }
            catch (TaskCanceledException)
            {
                Console.Error.WriteLine("Request timed out.");
                return 1;
            }
            catch (XmlException error)
            {
                Console.Error.WriteLine("Cannot parse the answer: " + error.Message);
                return 1;
            }
        }
    }

    // Sends the request and returns the answer's body; an error status throws ApiException with the API's error body.
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

    // The text at xpath in a JSON document, or an empty string if there is none.
    // The JSON reader of DataContractJsonSerializer shows JSON as XML: the document is <root>.
    // An object's members are elements named after their keys; an array's values are <item> elements.
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

    // The API answered with an error status; the message holds the status and the error body.
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
