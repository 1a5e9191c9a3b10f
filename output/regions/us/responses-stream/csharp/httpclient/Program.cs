// Stream a reply with the Responses API (C# HttpClient).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams, or the error body and exits non-zero.
using System;
using System.IO;
using System.Net.Http;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Threading.Tasks;
using System.Xml;

class Program
{
    const string ApiUrl = "https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses";

    // The JSON request body.
    const string RequestBody = @"{
  ""model"": ""qwen-plus"",
  ""instructions"": ""Answer in one sentence."",
  ""input"": ""What can the Responses API do?"",
  ""stream"": true
}";

    // Where the text piece sits in each event, as XPath over the XML view of its JSON.
    const string ReplyPath = "/root/delta";

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

        // The default handler honours HTTPS_PROXY; give up if the answer does not start within 60 seconds.
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
                        // The API answered with an error status: print its error body.
                        string reply = await response.Content.ReadAsStringAsync();
                        Console.Error.WriteLine("HTTP " + (int)response.StatusCode + ": " + reply);
                        return 1;
                    }

                    // The answer is server-sent events: print the text piece of each event as it arrives.
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
                                // Skip the blank line after each event.
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
                            // An error event inside the stream ends it: print the event and exit non-zero.
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
                Console.Error.WriteLine("Request failed: " + error.Message);
                return 1;
            }
            catch (TaskCanceledException)
            {
                Console.Error.WriteLine("Request timed out.");
                return 1;
            }
            catch (IOException error)
            {
                Console.Error.WriteLine("Cannot read the response: " + error.Message);
                return 1;
            }
            catch (XmlException error)
            {
                Console.Error.WriteLine("Cannot parse the answer: " + error.Message);
                return 1;
            }
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
}
