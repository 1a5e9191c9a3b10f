// \u4f7f\u7528\u6587\u6863\u4e2d\u7684\u5168\u90e8\u53c2\u6570\u8c03\u7528 Qwen-Plus\uff08OpenAI
// Java SDK\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\u5e76\u8f93\u51fa\u56de\u590d\uff1b\u51fa\u9519\u65f6\u8f93\u51fa\u9519\u8bef\u6b63\u6587\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.List;

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
            .addSystemMessage("You are a helpful assistant. Answer in JSON.")
            .addUserMessage("Name three colours of the rainbow as a JSON list.")
            .temperature(0.7)
            .topP(0.8)
            .putAdditionalBodyProperty("top_k", JsonValue.from(20))
            .putAdditionalBodyProperty("seed", JsonValue.from(1234))
            .putAdditionalBodyProperty("max_tokens", JsonValue.from(512))
            .n(1L)
            .presencePenalty(0.5)
            .frequencyPenalty(0.2)
            .stopOfStrings(List.of("\n\n", "END"))
            .responseFormat(ResponseFormatJsonObject.builder().build())
            .putAdditionalBodyProperty("enable_search", JsonValue.from(false))
            .putAdditionalBodyProperty("enable_thinking", JsonValue.from(false))
            .logprobs(false)
            .putAdditionalBodyProperty("user", JsonValue.from("docs-sample"))
            .build();

    ChatCompletion result;
    try {
      result = client.chat().completions().create(params);
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

    JsonMapper mapper = ObjectMappers.jsonMapper();
    JsonNode reply = mapper.valueToTree(result).at("/choices/0/message/content");
    System.out.println(reply.asText());
  }
}
