// Send a form "$(id)" `x` ${x} */ ?> (Java java.net.http).
// Reads the API key from ACME_SMS_KEY; prints the reply, or the error body and exits non-zero.

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

public class Main {
  private static final String URL =
      "https://sms.acme-telecom.net/v1/accounts/a%2Fb%20c%3Fd%23e%25f%22g%27h/messages?note=x%26y%3Dz%20%22q%22%20%27r%27%20%24%7Bs%7D%20%24%28t%29%20%5Cu0041%20%E4%B8%AD%E6%96%87";

  public static void main(String[] args) throws InterruptedException {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("ACME_SMS_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the ACME_SMS_KEY environment variable to your API key.");
      System.exit(1);
    }

    // The API takes the key in the query string, percent-encoded.
    String key = URLEncoder.encode(apiKey, StandardCharsets.UTF_8);
    String url = URL + "&api_key=" + key;

    // The form fields, sent URL-encoded (application/x-www-form-urlencoded).
    String form =
        String.join(
            "&",
            field("to \"who\"", "+1 555 0100"),
            field("from", "Acme & Co; $(id) `id` ${HOME} #{x} {{7*7}} %s"),
            field("body\nline", "line1\nline2\r\n\ttab \\ back'slash\" \ud83d\ude00 \u202e"),
            field("flash", "false"),
            field("count", "3"));

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(form))
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

  // One name=value pair of the form, both URL-encoded.
  private static String field(String name, String value) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
