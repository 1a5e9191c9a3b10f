// Send a form "$(id)" `x` ${x} */ ?> (C# HttpClient).
// Reads the API key from ACME_SMS_KEY; prints the reply, or the error body and exits non-zero.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://sms.acme-telecom.net/v1/accounts/a%2Fb%20c%3Fd%23e%25f%22g%27h/messages?note=x%26y%3Dz%20%22q%22%20%27r%27%20%24%7Bs%7D%20%24%28t%29%20%5Cu0041%20%E4%B8%AD%E6%96%87";

    // Main waits for the asynchronous request: this runs on .NET and on Mono alike.
    static int Main()
    {
        return RunAsync().GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync()
    {
        // Read the API key from the environment; never write it into the code.
        var apiKey = Environment.GetEnvironmentVariable("ACME_SMS_KEY");
        if (string.IsNullOrEmpty(apiKey))
        {
            Console.Error.WriteLine("Set the ACME_SMS_KEY environment variable to your API key.");
            return 1;
        }
        // The API takes the key in the query string, percent-encoded.
        var requestUrl = ApiUrl + "&api_key=" + Uri.EscapeDataString(apiKey);

        // The default handler honours HTTPS_PROXY; give up after 60 seconds.
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        using (var request = new HttpRequestMessage(new HttpMethod("POST"), requestUrl))
        {
            try
            {
                // The form fields, sent URL-encoded (application/x-www-form-urlencoded).
                request.Content = new FormUrlEncodedContent(new[]
                {
                    new KeyValuePair<string, string>("to \"who\"", "+1 555 0100"),
                    new KeyValuePair<string, string>("from", "Acme & Co; $(id) `id` ${HOME} #{x} {{7*7}} %s"),
                    new KeyValuePair<string, string>("body\nline", "line1\nline2\r\n\ttab \\ back'slash\" 😀 \u202e"),
                    new KeyValuePair<string, string>("flash", "false"),
                    new KeyValuePair<string, string>("count", "3"),
                });

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
