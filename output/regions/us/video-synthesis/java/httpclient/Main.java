// Generate a video with Wan as an asynchronous task (Java java.net.http).
// Reads the API key from DASHSCOPE_API_KEY; submits the task, polls it until it ends and prints the
// result, or prints the error and exits non-zero.

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Main {
  private static final String URL =
      "https://dashscope-us.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";
  private static final String POLL_URL = "https://dashscope-us.aliyuncs.com/api/v1/tasks/";
  // How long to wait between two polls of the task, and for the task to end.
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(600);
  private static final Set<String> SUCCEEDED = Set.of("SUCCEEDED");
  private static final Set<String> FAILED = Set.of("FAILED", "CANCELED", "UNKNOWN");

  // The JSON request body.
  private static final String BODY =
      """
      {
        "model": "wan2.2-t2v-plus",
        "input": {
          "prompt": "A kitten runs across a sunny meadow, chasing a butterfly."
        },
        "parameters": {
          "size": "1920*1080",
          "duration": 5
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
            .header("X-DashScope-Async", "enable")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();

    HttpClient client = HttpClient.newHttpClient();
    String reply = send(client, request);

    // The answer names the task: poll it until it ends.
    Object submitted = Json.at(parse(reply), "output", "task_id");
    if (!(submitted instanceof String taskId) || taskId.isEmpty()) {
      System.err.println("The answer holds no task id: " + reply);
      System.exit(1);
      return;
    }
    // The task id, percent-encoded as a path segment.
    String id = URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20");
    String pollUrl = POLL_URL + id;
    HttpRequest poll =
        HttpRequest.newBuilder(URI.create(pollUrl))
            .header("Authorization", "Bearer " + apiKey)
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build();
    long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
    while (true) {
      Thread.sleep(POLL_INTERVAL.toMillis());
      reply = send(client, poll);
      Object state = Json.at(parse(reply), "output", "task_status");
      if (state instanceof String text && SUCCEEDED.contains(text)) {
        System.out.println(reply);
        return;
      }
      if (state instanceof String text && FAILED.contains(text)) {
        System.err.println("The task failed: " + reply);
        System.exit(1);
      }
      // Any other state means the task is still running.
      if (System.nanoTime() > deadline) {
        System.err.println("The task did not finish within 600 seconds.");
        System.exit(1);
      }
    }
  }

  // Sends request and returns the answer's body; on a failure it prints the error (the API's error
  // body) and exits.
  private static String send(HttpClient client, HttpRequest request) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      System.err.println("Request failed: " + e);
      System.exit(1);
      return "";
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // The API answered with an error status: print its error body.
      System.err.println("HTTP " + status + ": " + response.body());
      System.exit(1);
    }
    return response.body();
  }

  // The JSON answer; exits when it is not JSON.
  private static Object parse(String text) {
    try {
      return Json.parse(text);
    } catch (IllegalArgumentException e) {
      System.err.println("Cannot parse the answer: " + e.getMessage());
      System.exit(1);
      return null;
    }
  }

  // A small JSON reader (the standard library has none): objects become Map, arrays List, numbers
  // Double.
  private static final class Json {
    private static final Pattern NUMBER =
        Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4}");

    private final String text;
    private int pos;

    private Json(String text) {
      this.text = text;
    }

    // The value of the JSON text; IllegalArgumentException when it is not JSON.
    static Object parse(String text) {
      Json json = new Json(text);
      try {
        Object value = json.value();
        json.space();
        if (json.pos == text.length()) {
          return value;
        }
      } catch (IndexOutOfBoundsException e) {
        // Reported below, with where the reading stopped.
      }
      throw new IllegalArgumentException("not JSON at offset " + json.pos + ": " + text);
    }

    // The value at path (object keys and array indexes) in value, or null.
    static Object at(Object value, Object... path) {
      for (Object step : path) {
        if (step instanceof String key && value instanceof Map<?, ?> object) {
          value = object.get(key);
        } else if (step instanceof Integer index
            && value instanceof List<?> array
            && index < array.size()) {
          value = array.get(index);
        } else {
          return null;
        }
      }
      return value;
    }

    private Object value() {
      space();
      return switch (text.charAt(pos)) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> object = new LinkedHashMap<>();
      pos++;
      space();
      if (skip('}')) {
        return object;
      }
      do {
        space();
        String key = string();
        space();
        expect(':');
        object.put(key, value());
        space();
      } while (skip(','));
      expect('}');
      return object;
    }

    private List<Object> array() {
      List<Object> array = new ArrayList<>();
      pos++;
      space();
      if (skip(']')) {
        return array;
      }
      do {
        array.add(value());
        space();
      } while (skip(','));
      expect(']');
      return array;
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      for (char c = text.charAt(pos++); c != '"'; c = text.charAt(pos++)) {
        expect(c >= ' ');
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char escaped = text.charAt(pos++);
        switch (escaped) {
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            expect(HEX.matcher(text).region(pos, text.length()).lookingAt());
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          case '"', '\\', '/' -> out.append(escaped);
          default -> expect(false);
        }
      }
      return out.toString();
    }

    private Double number() {
      Matcher number = NUMBER.matcher(text).region(pos, text.length());
      expect(number.lookingAt());
      pos = number.end();
      return Double.valueOf(number.group());
    }

    private Object literal(String word, Object value) {
      expect(text.startsWith(word, pos));
      pos += word.length();
      return value;
    }

    private void space() {
      while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    private boolean skip(char c) {
      boolean found = pos < text.length() && text.charAt(pos) == c;
      pos += found ? 1 : 0;
      return found;
    }

    private void expect(char c) {
      expect(skip(c));
    }

    private void expect(boolean found) {
      if (!found) {
        throw new IndexOutOfBoundsException(pos);
      }
    }
  }
}
