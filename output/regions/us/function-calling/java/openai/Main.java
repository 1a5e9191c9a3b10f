// Let Qwen-Plus call a function through the OpenAI-compatible API (OpenAI Java SDK).
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
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import java.util.List;
import java.util.Map;

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
            .addUserMessage("What is the weather like in Hangzhou?")
            .addFunctionTool(
                FunctionDefinition.builder()
                    .name("get_current_weather")
                    .description("Get the current weather in a given city.")
                    .parameters(
                        FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty(
                                "properties",
                                JsonValue.from(
                                    Map.of(
                                        "location",
                                        Map.of(
                                            "type",
                                            "string",
                                            "description",
                                            "A city, such as Beijing or Hangzhou."))))
                            .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                            .build())
                    .build())
            .toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO)
            .parallelToolCalls(false)
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
    JsonNode reply = mapper.valueToTree(result).at("/choices/0/message/tool_calls");
    System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(reply));
  }
}
