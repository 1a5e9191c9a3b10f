// \u4ee5\u5f02\u6b65\u4efb\u52a1\u65b9\u5f0f\u7528 Wan \u751f\u6210\u89c6\u9891\uff08Java
// java.net.http\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\uff0c\u63d0\u4ea4\u4efb\u52a1\u5e76\u8f6e\u8be2\u76f4\u5230\u7ed3\u675f\uff0c\u7136\u540e\u8f93\u51fa\u7ed3\u679c\uff1b\u5931\u8d25\u65f6\u8f93\u51fa\u9519\u8bef\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

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
      "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";
  private static final String POLL_URL = "https://dashscope-intl.aliyuncs.com/api/v1/tasks/";
  // \u4e24\u6b21\u8f6e\u8be2\u4efb\u52a1\u4e4b\u95f4\u7684\u95f4\u9694\uff0c\u4ee5\u53ca\u7b49\u5f85\u4efb\u52a1\u7ed3\u675f\u7684\u65f6\u957f\u3002
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(600);
  private static final Set<String> SUCCEEDED = Set.of("SUCCEEDED");
  private static final Set<String> FAILED = Set.of("FAILED", "CANCELED", "UNKNOWN");

  // JSON \u8bf7\u6c42\u6b63\u6587\u3002
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
            .header("Content-Type", "application/json")
            .header("X-DashScope-Async", "enable")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();

    HttpClient client = HttpClient.newHttpClient();
    String reply = send(client, request);

    // \u54cd\u5e94\u4e2d\u7ed9\u51fa\u4e86\u4efb\u52a1\uff1a\u8f6e\u8be2\u76f4\u5230\u4efb\u52a1\u7ed3\u675f\u3002
    Object submitted = Json.at(parse(reply), "output", "task_id");
    if (!(submitted instanceof String taskId) || taskId.isEmpty()) {
      System.err.println("\u54cd\u5e94\u4e2d\u6ca1\u6709\u4efb\u52a1 ID\uff1a" + reply);
      System.exit(1);
      return;
    }
    // \u6309\u8def\u5f84\u6bb5\u8fdb\u884c\u767e\u5206\u53f7\u7f16\u7801\u7684\u4efb\u52a1 ID\u3002
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
        System.err.println("\u4efb\u52a1\u5931\u8d25\uff1a" + reply);
        System.exit(1);
      }
      // \u5176\u4ed6\u4efb\u4f55\u72b6\u6001\u90fd\u8868\u793a\u4efb\u52a1\u4ecd\u5728\u8fd0\u884c\u3002
      if (System.nanoTime() > deadline) {
        System.err.println("\u4efb\u52a1\u672a\u5728 600 \u79d2\u5185\u7ed3\u675f\u3002");
        System.exit(1);
      }
    }
  }

  // \u53d1\u9001 request
  // \u5e76\u8fd4\u56de\u54cd\u5e94\u6b63\u6587\uff1b\u5931\u8d25\u65f6\u8f93\u51fa\u9519\u8bef\uff08API \u7684\u9519\u8bef\u6b63\u6587\uff09\u5e76\u9000\u51fa\u3002
  private static String send(HttpClient client, HttpRequest request) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      System.err.println("\u8bf7\u6c42\u5931\u8d25\uff1a" + e);
      System.exit(1);
      return "";
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // API
      // \u8fd4\u56de\u4e86\u9519\u8bef\u72b6\u6001\uff1a\u8f93\u51fa\u5176\u9519\u8bef\u6b63\u6587\u3002
      System.err.println("HTTP " + status + ": " + response.body());
      System.exit(1);
    }
    return response.body();
  }

  // JSON \u54cd\u5e94\uff1b\u4e0d\u662f JSON \u65f6\u9000\u51fa\u3002
  private static Object parse(String text) {
    try {
      return Json.parse(text);
    } catch (IllegalArgumentException e) {
      System.err.println("\u65e0\u6cd5\u89e3\u6790\u54cd\u5e94\uff1a" + e.getMessage());
      System.exit(1);
      return null;
    }
  }

  // \u4e00\u4e2a\u5c0f\u578b JSON
  // \u8bfb\u53d6\u5668\uff08\u6807\u51c6\u5e93\u4e2d\u6ca1\u6709\uff09\uff1a\u5bf9\u8c61\u53d8\u4e3a Map\uff0c\u6570\u7ec4\u53d8\u4e3a List\uff0c\u6570\u5b57\u53d8\u4e3a Double\u3002
  private static final class Json {
    private static final Pattern NUMBER =
        Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4}");

    private final String text;
    private int pos;

    private Json(String text) {
      this.text = text;
    }

    // JSON \u6587\u672c\u7684\u503c\uff1b\u4e0d\u662f JSON \u65f6\u629b\u51fa
    // IllegalArgumentException\u3002
    static Object parse(String text) {
      Json json = new Json(text);
      try {
        Object value = json.value();
        json.space();
        if (json.pos == text.length()) {
          return value;
        }
      } catch (IndexOutOfBoundsException e) {
        // \u5728\u4e0b\u65b9\u62a5\u544a\uff0c\u5e76\u6307\u51fa\u8bfb\u53d6\u505c\u6b62\u7684\u4f4d\u7f6e\u3002
      }
      throw new IllegalArgumentException(
          "\u504f\u79fb\u91cf " + json.pos + " \u5904\u4e0d\u662f JSON\uff1a" + text);
    }

    // value \u4e2d\u4f4d\u4e8e
    // path\uff08\u5bf9\u8c61\u952e\u548c\u6570\u7ec4\u4e0b\u6807\uff09\u5904\u7684\u503c\uff0c\u6ca1\u6709\u5219\u4e3a null\u3002
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
