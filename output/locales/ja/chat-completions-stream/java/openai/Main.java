// OpenAI \u4e92\u63db API \u3067 Qwen-Plus
// \u306e\u5fdc\u7b54\u3092\u30b9\u30c8\u30ea\u30fc\u30df\u30f3\u30b0\u3059\u308b\uff08OpenAI Java
// SDK\uff09\u3002
// DASHSCOPE_API_KEY \u304b\u3089 API
// \u30ad\u30fc\u3092\u8aad\u307f\u53d6\u308a\u3001\u30b9\u30c8\u30ea\u30fc\u30df\u30f3\u30b0\u3067\u5c4a\u304f\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u30a8\u30e9\u30fc\u306e\u3068\u304d\u306f\u30a8\u30e9\u30fc\u672c\u6587\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

public class Main {
  private static final String BASE_URL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1";

  public static void main(String[] args) throws JsonProcessingException {
    // API
    // \u30ad\u30fc\u306f\u74b0\u5883\u5909\u6570\u304b\u3089\u8aad\u307f\u53d6\u308a\u307e\u3059\u3002\u30b3\u30fc\u30c9\u306b\u76f4\u63a5\u66f8\u304b\u306a\u3044\u3067\u304f\u3060\u3055\u3044\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u74b0\u5883\u5909\u6570 DASHSCOPE_API_KEY \u306b API"
              + " \u30ad\u30fc\u3092\u8a2d\u5b9a\u3057\u3066\u304f\u3060\u3055\u3044\u3002");
      System.exit(1);
    }

    OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(apiKey).baseUrl(BASE_URL).build();

    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("qwen-plus")
            .addSystemMessage("You are a helpful assistant.")
            .addUserMessage("Who are you?")
            .build();

    JsonMapper mapper = ObjectMappers.jsonMapper();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      // \u5fdc\u7b54\u306e\u5404\u65ad\u7247\u3092\u3001\u9593\u306b\u4f55\u3082\u631f\u307e\u305a\u306b\u5c4a\u3044\u305f\u9806\u306b\u51fa\u529b\u3057\u307e\u3059\u3002
      stream.stream()
          .map(event -> mapper.<JsonNode>valueToTree(event))
          .map(event -> event.at("/choices/0/delta/content"))
          .filter(JsonNode::isTextual)
          .forEach(
              piece -> {
                System.out.print(piece.asText());
                System.out.flush();
              });
    } catch (OpenAIServiceException e) {
      // API
      // \u304c\u30a8\u30e9\u30fc\u30b9\u30c6\u30fc\u30bf\u30b9\u3092\u8fd4\u3057\u307e\u3057\u305f\u3002\u30a8\u30e9\u30fc\u672c\u6587\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
      String error = ObjectMappers.jsonMapper().writeValueAsString(e.body());
      System.err.println("HTTP " + e.statusCode() + ": " + error);
      System.exit(1);
      return;
    } catch (OpenAIException e) {
      System.err.println(
          "\u30ea\u30af\u30a8\u30b9\u30c8\u304c\u5931\u6557\u3057\u307e\u3057\u305f: " + e);
      System.exit(1);
      return;
    } finally {
      client.close();
    }
    System.out.println();
  }
}
