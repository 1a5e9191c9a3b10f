// Call Qwen-Plus with every documented parameter (OpenAI Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

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
  private static final String BASE_URL = "https://dashscope-us.aliyuncs.com/compatible-mode/v1";

  public static void main(String[] args) throws JsonProcessingException {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
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
      // The API answered with an error status: print its error body.
      String error = ObjectMappers.jsonMapper().writeValueAsString(e.body());
      System.err.println("HTTP " + e.statusCode() + ": " + error);
      System.exit(1);
      return;
    } catch (OpenAIException e) {
      System.err.println("Request failed: " + e);
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
