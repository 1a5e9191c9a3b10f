// Responses API
// \u3067\u8fd4\u7b54\u3092\u30b9\u30c8\u30ea\u30fc\u30df\u30f3\u30b0\u3059\u308b\uff08Java
// java.net.http\uff09\u3002
// DASHSCOPE_API_KEY \u304b\u3089 API
// \u30ad\u30fc\u3092\u8aad\u307f\u53d6\u308a\u3001\u30b9\u30c8\u30ea\u30fc\u30df\u30f3\u30b0\u3067\u5c4a\u304f\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u30a8\u30e9\u30fc\u306e\u3068\u304d\u306f\u30a8\u30e9\u30fc\u672c\u6587\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class Main {
  private static final String URL =
      "https://dashscope-intl.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses";

  // JSON \u306e\u30ea\u30af\u30a8\u30b9\u30c8\u672c\u6587\u3002
  private static final String BODY =
      """
      {
        "model": "qwen-plus",
        "instructions": "Answer in one sentence.",
        "input": "What can the Responses API do?",
        "stream": true
      }
      """;

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
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();

    HttpResponse<Stream<String>> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
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
      String error = response.body().collect(Collectors.joining("\n"));
      System.err.println("HTTP " + status + ": " + error);
      System.exit(1);
    }

    // \u5fdc\u7b54\u306f Server-Sent Events
    // \u3067\u3059\u3002\u5404\u30a4\u30d9\u30f3\u30c8\u306e\u30c6\u30ad\u30b9\u30c8\u65ad\u7247\u3092\u5c4a\u3044\u305f\u9806\u306b\u51fa\u529b\u3057\u307e\u3059\u3002
    try (Stream<String> lines = response.body()) {
      Iterator<String> events = lines.iterator();
      while (events.hasNext()) {
        String line = events.next();
        if (!line.startsWith("data:")) {
          // \u5404\u30a4\u30d9\u30f3\u30c8\u306e\u5f8c\u306e\u7a7a\u884c\u3092\u8aad\u307f\u98db\u3070\u3057\u307e\u3059\u3002
          continue;
        }
        String data = line.substring(line.startsWith("data: ") ? 6 : 5);
        if (data.equals("[DONE]")) {
          break;
        }
        Object parsed;
        try {
          parsed = Json.parse(data);
        } catch (IllegalArgumentException e) {
          System.err.println(
              "\u30a4\u30d9\u30f3\u30c8\u3092\u89e3\u6790\u3067\u304d\u307e\u305b\u3093: "
                  + e.getMessage());
          System.exit(1);
          return;
        }
        // \u30b9\u30c8\u30ea\u30fc\u30e0\u5185\u306e\u30a8\u30e9\u30fc\u30a4\u30d9\u30f3\u30c8\u3067\u30b9\u30c8\u30ea\u30fc\u30e0\u306f\u7d42\u308f\u308a\u307e\u3059\u3002\u30a4\u30d9\u30f3\u30c8\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002
        if (Json.at(parsed, "error") != null) {
          System.out.println();
          System.err.println(data);
          System.exit(1);
        }
        Object piece = Json.at(parsed, "delta");
        if (piece instanceof String text) {
          System.out.print(text);
          System.out.flush();
        }
      }
    } catch (UncheckedIOException e) {
      System.err.println(
          "\u5fdc\u7b54\u3092\u8aad\u307f\u53d6\u308c\u307e\u305b\u3093: " + e.getCause());
      System.exit(1);
    }
    System.out.println();
  }

  // \u5c0f\u3055\u306a JSON
  // \u30ea\u30fc\u30c0\u30fc\u3067\u3059\uff08\u6a19\u6e96\u30e9\u30a4\u30d6\u30e9\u30ea\u306b\u306f\u3042\u308a\u307e\u305b\u3093\uff09\u3002\u30aa\u30d6\u30b8\u30a7\u30af\u30c8\u306f Map\u3001\u914d\u5217\u306f List\u3001\u6570\u5024\u306f Double \u306b\u306a\u308a\u307e\u3059\u3002
  private static final class Json {
    private static final Pattern NUMBER =
        Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4}");

    private final String text;
    private int pos;

    private Json(String text) {
      this.text = text;
    }

    // JSON \u30c6\u30ad\u30b9\u30c8\u306e\u5024\u3067\u3059\u3002JSON
    // \u3067\u306a\u3051\u308c\u3070 IllegalArgumentException \u306b\u306a\u308a\u307e\u3059\u3002
    static Object parse(String text) {
      Json json = new Json(text);
      try {
        Object value = json.value();
        json.space();
        if (json.pos == text.length()) {
          return value;
        }
      } catch (IndexOutOfBoundsException e) {
        // \u8aad\u307f\u53d6\u308a\u304c\u6b62\u307e\u3063\u305f\u4f4d\u7f6e\u3068\u3068\u3082\u306b\u3001\u4e0b\u3067\u5831\u544a\u3057\u307e\u3059\u3002
      }
      throw new IllegalArgumentException(
          "\u30aa\u30d5\u30bb\u30c3\u30c8 "
              + json.pos
              + " \u3067 JSON \u3067\u306f\u3042\u308a\u307e\u305b\u3093: "
              + text);
    }

    // value \u306e\u4e2d\u3067
    // path\uff08\u30aa\u30d6\u30b8\u30a7\u30af\u30c8\u306e\u30ad\u30fc\u3068\u914d\u5217\u306e\u30a4\u30f3\u30c7\u30c3\u30af\u30b9\uff09\u306b\u3042\u308b\u5024\u3002\u306a\u3051\u308c\u3070 null \u3067\u3059\u3002
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
