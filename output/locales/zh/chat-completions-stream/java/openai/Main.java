// \u901a\u8fc7 OpenAI \u517c\u5bb9 API \u6d41\u5f0f\u83b7\u53d6 Qwen-Plus
// \u7684\u56de\u590d\uff08OpenAI Java SDK\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\uff0c\u6d41\u5f0f\u8f93\u51fa\u56de\u590d\uff1b\u51fa\u9519\u65f6\u8f93\u51fa\u9519\u8bef\u6b63\u6587\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

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
    // \u4ece\u73af\u5883\u53d8\u91cf\u8bfb\u53d6 API
    // \u5bc6\u94a5\uff1b\u5207\u52ff\u5c06\u5176\u5199\u5165\u4ee3\u7801\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u8bf7\u5c06\u73af\u5883\u53d8\u91cf DASHSCOPE_API_KEY \u8bbe\u7f6e\u4e3a\u60a8\u7684"
              + " API \u5bc6\u94a5\u3002");
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
      // \u6309\u5230\u8fbe\u987a\u5e8f\u8f93\u51fa\u56de\u590d\u7684\u6bcf\u4e2a\u7247\u6bb5\uff0c\u4e2d\u95f4\u4e0d\u63d2\u5165\u4efb\u4f55\u5185\u5bb9\u3002
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
      // \u8fd4\u56de\u4e86\u9519\u8bef\u72b6\u6001\uff1a\u8f93\u51fa\u5176\u9519\u8bef\u6b63\u6587\u3002
      String error = ObjectMappers.jsonMapper().writeValueAsString(e.body());
      System.err.println("HTTP " + e.statusCode() + ": " + error);
      System.exit(1);
      return;
    } catch (OpenAIException e) {
      System.err.println("\u8bf7\u6c42\u5931\u8d25\uff1a" + e);
      System.exit(1);
      return;
    } finally {
      client.close();
    }
    System.out.println();
  }
}
