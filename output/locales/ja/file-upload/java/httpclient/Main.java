// \u30c9\u30ad\u30e5\u30e1\u30f3\u30c8\u62bd\u51fa\u7528\u306b\u30d5\u30a1\u30a4\u30eb\u3092\u30a2\u30c3\u30d7\u30ed\u30fc\u30c9\u3059\u308b\uff08Java java.net.http\uff09\u3002
// DASHSCOPE_API_KEY \u304b\u3089 API
// \u30ad\u30fc\u3092\u8aad\u307f\u53d6\u308a\u3001\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u30a8\u30e9\u30fc\u306e\u3068\u304d\u306f\u30a8\u30e9\u30fc\u672c\u6587\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

public class Main {
  private static final String URL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/files";

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

    // multipart/form-data \u306e\u672c\u6587:
    // \u30c6\u30ad\u30b9\u30c8\u30d5\u30a3\u30fc\u30eb\u30c9\u3068\u3001\u540d\u524d\u3068\u7a2e\u985e\u3092\u4ed8\u3051\u305f\u5404\u30d5\u30a1\u30a4\u30eb\u3002
    String boundary = "samplegen-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    addField(body, boundary, "purpose", "file-extract");
    addFile(body, boundary, "file", "report.txt", "text/plain");
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(URL))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();

    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
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
      System.err.println("HTTP " + status + ": " + response.body());
      System.exit(1);
    }
    System.out.println(response.body());
  }

  // multipart \u672c\u6587\u306e\u30c6\u30ad\u30b9\u30c8\u30d5\u30a3\u30fc\u30eb\u30c9\u3002
  private static void addField(
      ByteArrayOutputStream body, String boundary, String name, String value) {
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quote(name);
    body.writeBytes((head + "\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  // multipart
  // \u672c\u6587\u306e\u30d5\u30a1\u30a4\u30eb\u3002\u30ab\u30ec\u30f3\u30c8\u30d5\u30a9\u30eb\u30c0\u30fc\u304b\u3089\u8aad\u307f\u8fbc\u307f\u3001\u8aad\u307f\u8fbc\u3081\u306a\u3051\u308c\u3070\u7d42\u4e86\u3057\u307e\u3059\u3002
  private static void addFile(
      ByteArrayOutputStream body, String boundary, String field, String path, String type) {
    byte[] data;
    try {
      data = Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      System.err.println(
          path
              + " \u3092\u8aad\u307f\u8fbc\u3081\u307e\u305b\u3093\u3002\u30d5\u30a1\u30a4\u30eb\u3092\u30ab\u30ec\u30f3\u30c8\u30d5\u30a9\u30eb\u30c0\u30fc\u306b\u7f6e\u3044\u3066\u304f\u3060\u3055\u3044\u3002");
      System.exit(1);
      return;
    }
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name="
            + quote(field)
            + "; filename="
            + quote(path)
            + "\r\nContent-Type: "
            + type
            + "\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(data);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  // HTML \u6a19\u6e96\u306e\u66f8\u304d\u65b9\u306b\u3088\u308b Content-Disposition
  // \u30d8\u30c3\u30c0\u30fc\u5185\u306e\u540d\u524d\u3067\u3059\u3002\u5f15\u7528\u7b26\u3067\u56f2\u307f\u3001CR\u3001LF\u3001" \u306f\u30d1\u30fc\u30bb\u30f3\u30c8\u30a8\u30f3\u30b3\u30fc\u30c9\u3057\u307e\u3059\u3002
  private static String quote(String value) {
    return "\"" + value.replace("\r", "%0D").replace("\n", "%0A").replace("\"", "%22") + "\"";
  }
}
