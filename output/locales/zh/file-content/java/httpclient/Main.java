// \u4e0b\u8f7d\u6279\u5904\u7406\u7ed3\u679c\uff08Java java.net.http\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API \u5bc6\u94a5\uff0c\u5c06\u54cd\u5e94\u4fdd\u5b58\u5230
// results.jsonl\uff1b\u5931\u8d25\u65f6\u8f93\u51fa\u9519\u8bef\u6b63\u6587\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

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
      "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files/file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f/content";

  public static void main(String[] args) throws InterruptedException {
    // \u4ece\u73af\u5883\u53d8\u91cf\u8bfb\u53d6 API
    // \u5bc6\u94a5\uff1b\u5207\u52ff\u5c06\u5176\u5199\u5165\u4ee3\u7801\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u8bf7\u5c06\u73af\u5883\u53d8\u91cf DASHSCOPE_API_KEY \u8bbe\u7f6e\u4e3a\u60a8\u7684"
              + " API \u5bc6\u94a5\u3002");
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
      System.err.println("\u8bf7\u6c42\u5931\u8d25\uff1a" + e);
      System.exit(1);
      return;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // API
      // \u8fd4\u56de\u4e86\u9519\u8bef\u72b6\u6001\uff1a\u8f93\u51fa\u5176\u9519\u8bef\u6b63\u6587\u3002
      String error = new String(response.body(), StandardCharsets.UTF_8);
      System.err.println("HTTP " + status + ": " + error);
      System.exit(1);
    }
    // \u5c06\u54cd\u5e94\u4fdd\u5b58\u5230\u5f53\u524d\u6587\u4ef6\u5939\u4e2d\u7684
    // results.jsonl\u3002
    try {
      Files.write(Path.of("results.jsonl"), response.body());
    } catch (IOException e) {
      System.err.println("\u65e0\u6cd5\u4fdd\u5b58\u5e94\u7b54\uff1a" + e);
      System.exit(1);
    }
    System.out.println(
        "\u5df2\u4fdd\u5b58 results.jsonl\uff08" + response.body().length + " \u5b57\u8282\uff09");
  }
}
