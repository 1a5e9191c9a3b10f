// Download the results of a batch (Java java.net.http).
// Reads the API key from DASHSCOPE_API_KEY; saves the answer to results.jsonl, or prints the error
// body and exits non-zero.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

public class Main {
  private static final String URL =
      "https://dashscope-us.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content";

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
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build();

    HttpResponse<byte[]> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      System.err.println("Request failed: " + e);
      System.exit(1);
      return;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // The API answered with an error status: print its error body.
      String error = new String(response.body(), StandardCharsets.UTF_8);
      System.err.println("HTTP " + status + ": " + error);
      System.exit(1);
    }
    // Save the answer to results.jsonl in the current folder.
    try {
      Files.write(Path.of("results.jsonl"), response.body());
    } catch (IOException e) {
      System.err.println("Cannot save the answer: " + e);
      System.exit(1);
    }
    System.out.println("Saved results.jsonl (" + response.body().length + " bytes)");
  }
}
