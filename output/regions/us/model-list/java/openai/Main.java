// List the available models (OpenAI Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.models.Model;
import com.openai.models.models.ModelListPage;
import com.openai.models.models.ModelListParams;

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

    ModelListParams params = ModelListParams.builder().build();

    JsonMapper mapper = ObjectMappers.jsonMapper();
    try {
      ModelListPage page = client.models().list(params);
      // Iterating the page fetches the next pages as it goes (auto-pagination).
      for (Model item : page.autoPager()) {
        JsonNode reply = mapper.valueToTree(item).at("/id");
        System.out.println(
            reply.isValueNode()
                ? reply.asText()
                : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(reply));
      }
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
  }
}
