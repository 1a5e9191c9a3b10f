// \u30d0\u30c3\u30c1\u306e\u7d50\u679c\u3092\u30c0\u30a6\u30f3\u30ed\u30fc\u30c9\u3059\u308b\uff08Java java.net.http\uff09\u3002
// API \u30ad\u30fc\u3092 DASHSCOPE_API_KEY
// \u304b\u3089\u8aad\u307f\u8fbc\u307f\u3001\u5fdc\u7b54\u3092 results.jsonl
// \u306b\u4fdd\u5b58\u3057\u307e\u3059\u3002\u5931\u6557\u3057\u305f\u5834\u5408\u306f\u30a8\u30e9\u30fc\u672c\u6587\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

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
    // API
    // \u30ad\u30fc\u306f\u74b0\u5883\u5909\u6570\u304b\u3089\u8aad\u307f\u53d6\u308a\u307e\u3059\u3002\u30b3\u30fc\u30c9\u306b\u76f4\u63a5\u66f8\u304b\u306a\u3044\u3067\u304f\u3060\u3055\u3044\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u74b0\u5883\u5909\u6570 DASHSCOPE_API_KEY \u306b API"
              + " \u30ad\u30fc\u3092\u8a2d\u5b9a\u3057\u3066\u304f\u3060\u3055\u3044\u3002");
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
      System.err.println(
          "\u30ea\u30af\u30a8\u30b9\u30c8\u304c\u5931\u6557\u3057\u307e\u3057\u305f: " + e);
      System.exit(1);
      return;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // API
      // \u304c\u30a8\u30e9\u30fc\u30b9\u30c6\u30fc\u30bf\u30b9\u3092\u8fd4\u3057\u307e\u3057\u305f\u3002\u30a8\u30e9\u30fc\u672c\u6587\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
      String error = new String(response.body(), StandardCharsets.UTF_8);
      System.err.println("HTTP " + status + ": " + error);
      System.exit(1);
    }
    // \u5fdc\u7b54\u3092\u30ab\u30ec\u30f3\u30c8\u30d5\u30a9\u30eb\u30c0\u30fc\u306e results.jsonl
    // \u306b\u4fdd\u5b58\u3057\u307e\u3059\u3002
    try {
      Files.write(Path.of("results.jsonl"), response.body());
    } catch (IOException e) {
      System.err.println("\u5fdc\u7b54\u3092\u4fdd\u5b58\u3067\u304d\u307e\u305b\u3093: " + e);
      System.exit(1);
    }
    System.out.println(
        "results.jsonl \u3092\u4fdd\u5b58\u3057\u307e\u3057\u305f\uff08"
            + response.body().length
            + " \u30d0\u30a4\u30c8\uff09");
  }
}
