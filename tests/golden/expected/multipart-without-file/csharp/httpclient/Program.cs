// Start a batch from fields only (C# HttpClient).
// Reads the API key from ACME_MEDIA_KEY; prints the reply, or the error body and exits non-zero.
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

class Program
{
    const string ApiUrl = "https://upload.acme-media.com/v3/batches";

    // Main waits for the asynchronous request: this runs on .NET and on Mono alike.
    static int Main()
    {
        return RunAsync().GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync()
    {
        // Read the API key from the environment; never write it into the code.
        var apiKey = Environment.GetEnvironmentVariable("ACME_MEDIA_KEY");
        if (string.IsNullOrEmpty(apiKey))
        {
            Console.Error.WriteLine("Set the ACME_MEDIA_KEY environment variable to your API key.");
            return 1;
        }

        // The default handler honours HTTPS_PROXY; give up after 60 seconds.
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        using (var request = new HttpRequestMessage(new HttpMethod("POST"), ApiUrl))
        {
            try
            {
                // multipart/form-data: the text fields, then each file with its file name and content type.
                var form = new MultipartFormDataContent();
                AddPart(form, new StringContent("batch"), "form-data; name=" + Quote("purpose"));
                AddPart(form, new StringContent("two\nlines"), "form-data; name=" + Quote("note"));
                request.Content = form;
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
                request.Headers.TryAddWithoutValidation("X-Trace", "");

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

    // Adds part to form with its Content-Disposition header. MultipartContent writes part headers as Latin-1, one byte per char: the header holds the UTF-8 bytes of the text, so any name arrives as written.
    static void AddPart(MultipartFormDataContent form, HttpContent part, string disposition)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(disposition);
        part.Headers.TryAddWithoutValidation("Content-Disposition", Encoding.GetEncoding("ISO-8859-1").GetString(utf8));
        form.Add(part);
    }

    // A name in a Content-Disposition header as the HTML standard writes it: quoted, with CR, LF and " percent-encoded.
    static string Quote(string text)
    {
        return "\"" + text.Replace("\r", "%0D").Replace("\n", "%0A").Replace("\"", "%22") + "\"";
    }

    // The API answered with an error status; the message holds the status and the error body.
    sealed class ApiException : Exception
    {
        public ApiException(string message) : base(message)
        {
        }
    }
}
