// Stream a reply with the Responses API (Java java.net.http).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams, or the error body and
// exits non-zero.

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
      "https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1/responses";

  // The JSON request body.
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
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();

    HttpResponse<Stream<String>> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      System.err.println("Request failed: " + e);
      System.exit(1);
      return;
    }

    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // The API answered with an error status: print its error body.
      String error = response.body().collect(Collectors.joining("\n"));
      System.err.println("HTTP " + status + ": " + error);
      System.exit(1);
    }

    // The answer is server-sent events: print the text piece of each event as it arrives.
    try (Stream<String> lines = response.body()) {
      Iterator<String> events = lines.iterator();
      while (events.hasNext()) {
        String line = events.next();
        if (!line.startsWith("data:")) {
          // Skip the blank line after each event.
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
          System.err.println("Cannot parse an event: " + e.getMessage());
          System.exit(1);
          return;
        }
        // An error event inside the stream ends it: print the event and exit non-zero.
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
      System.err.println("Cannot read the response: " + e.getCause());
      System.exit(1);
    }
    System.out.println();
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
