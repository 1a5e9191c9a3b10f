// \u4e0a\u4f20\u7528\u4e8e\u6587\u6863\u89e3\u6790\u7684\u6587\u4ef6\uff08Java
// java.net.http\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\u5e76\u8f93\u51fa\u56de\u590d\uff1b\u51fa\u9519\u65f6\u8f93\u51fa\u9519\u8bef\u6b63\u6587\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

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
    // \u4ece\u73af\u5883\u53d8\u91cf\u8bfb\u53d6 API
    // \u5bc6\u94a5\uff1b\u5207\u52ff\u5c06\u5176\u5199\u5165\u4ee3\u7801\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u8bf7\u5c06\u73af\u5883\u53d8\u91cf DASHSCOPE_API_KEY \u8bbe\u7f6e\u4e3a\u60a8\u7684"
              + " API \u5bc6\u94a5\u3002");
      System.exit(1);
    }

    // multipart/form-data
    // \u8bf7\u6c42\u4f53\uff1a\u6587\u672c\u5b57\u6bb5\uff0c\u4ee5\u53ca\u5e26\u6587\u4ef6\u540d\u548c\u7c7b\u578b\u7684\u5404\u4e2a\u6587\u4ef6\u3002
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
      System.err.println("\u8bf7\u6c42\u5931\u8d25\uff1a" + e);
      System.exit(1);
      return;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // API
      // \u8fd4\u56de\u4e86\u9519\u8bef\u72b6\u6001\uff1a\u8f93\u51fa\u5176\u9519\u8bef\u6b63\u6587\u3002
      System.err.println("HTTP " + status + ": " + response.body());
      System.exit(1);
    }
    System.out.println(response.body());
  }

  // multipart \u8bf7\u6c42\u4f53\u7684\u4e00\u4e2a\u6587\u672c\u5b57\u6bb5\u3002
  private static void addField(
      ByteArrayOutputStream body, String boundary, String name, String value) {
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quote(name);
    body.writeBytes((head + "\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  // multipart
  // \u8bf7\u6c42\u4f53\u7684\u4e00\u4e2a\u6587\u4ef6\uff0c\u4ece\u5f53\u524d\u6587\u4ef6\u5939\u8bfb\u53d6\uff1b\u65e0\u6cd5\u8bfb\u53d6\u65f6\u9000\u51fa\u3002
  private static void addFile(
      ByteArrayOutputStream body, String boundary, String field, String path, String type) {
    byte[] data;
    try {
      data = Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      System.err.println(
          "\u65e0\u6cd5\u8bfb\u53d6 "
              + path
              + "\uff1a\u8bf7\u5c06\u8be5\u6587\u4ef6\u653e\u5728\u5f53\u524d\u6587\u4ef6\u5939\u4e2d\u3002");
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

  // \u6309 HTML \u6807\u51c6\u7684\u5199\u6cd5\u7ed9\u51fa Content-Disposition
  // \u5934\u4e2d\u7684\u540d\u79f0\uff1a\u52a0\u5f15\u53f7\uff0cCR\u3001LF \u548c "
  // \u8fdb\u884c\u767e\u5206\u53f7\u7f16\u7801\u3002
  private static String quote(String value) {
    return "\"" + value.replace("\r", "%0D").replace("\n", "%0A").replace("\"", "%22") + "\"";
  }
}
