// Cancel a batch job (C# HttpClient).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.
using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://dashscope-us.aliyuncs.com/compatible-mode/v1/batches/batch_3f1f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/cancel";

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
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);

                byte[] reply = await SendAsync(client, request);
                Console.WriteLine(Encoding.UTF8.GetString(reply));
                return 0;
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

    // The API answered with an error status; the message holds the status and the error body.
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
