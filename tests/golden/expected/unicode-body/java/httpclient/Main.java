// Call Qwen-Plus through the DashScope API (Java java.net.http).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public class Main {
  private static final String URL =
      "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation";

  // The JSON request body.
  private static final String BODY =
      """
      {
        "model": "qwen-plus",
        "input": {
          "messages": [
            {
              "role": "system",
              "content": "You are a helpful assistant."
            },
            {
              "role": "user",
              "content": "\\u4f60\\u597d\\uff0c\\u4e16\\u754c \\u3053\\u3093\\u306b\\u3061\\u306f \\ud83d\\ude80\\ud83d\\udc69\\u200d\\ud83d\\udcbb \\u0645\\u0631\\u062d\\u0628\\u0627 \\u05e2\\u05d1\\u05e8\\u05d9\\u05ea \\u00e9\\u0301 line\\u2028sep \\u202eRTL-override\\u202c zero\\u200bwidth"
            }
          ]
        },
        "parameters": {
          "result_format": "message"
        }
      }
      """;

  public static void main(String[] args) throws InterruptedException {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
      System.exit(1);
    }

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(URL))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();

    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      System.err.println("Request failed: " + e);
      System.exit(1);
      return;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // The API answered with an error status: print its error body.
      System.err.println("HTTP " + status + ": " + response.body());
      System.exit(1);
    }
    System.out.println(response.body());
  }
}
