// Start a batch from fields only (Java java.net.http).
// Reads the API key from ACME_MEDIA_KEY; prints the reply, or the error body and exits non-zero.

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
  private static final String URL = "https://upload.acme-media.com/v3/batches";

  public static void main(String[] args) throws InterruptedException {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("ACME_MEDIA_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the ACME_MEDIA_KEY environment variable to your API key.");
      System.exit(1);
    }

    // A multipart/form-data body: text fields, and each file with its name and type.
    String boundary = "samplegen-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    addField(body, boundary, "purpose", "batch");
    addField(body, boundary, "note", "two\nlines");
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(URL))
            .header("Authorization", "Bearer " + apiKey)
            .header("X-Trace", "")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
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

  // A text field of the multipart body.
  private static void addField(
      ByteArrayOutputStream body, String boundary, String name, String value) {
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quote(name);
    body.writeBytes((head + "\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  // A file of the multipart body, read from the current folder; exits when it cannot be read.
  private static void addFile(
      ByteArrayOutputStream body, String boundary, String field, String path, String type) {
    byte[] data;
    try {
      data = Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      System.err.println("Cannot read " + path + ": put the file in the current folder.");
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

  // A name in a Content-Disposition header as the HTML standard writes it: quoted, with CR, LF and
  // " percent-encoded.
  private static String quote(String value) {
    return "\"" + value.replace("\r", "%0D").replace("\n", "%0A").replace("\"", "%22") + "\"";
  }
}
