// Embed a text through the OpenAI-compatible API (OpenAI Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error body and exits non-zero.

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
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

    EmbeddingCreateParams params =
        EmbeddingCreateParams.builder()
            .model("text-embedding-v4")
            .input("The quality of the clothes is excellent.")
            .dimensions(1024L)
            .encodingFormat(EmbeddingCreateParams.EncodingFormat.of("float"))
            .build();

    CreateEmbeddingResponse result;
    try {
      result = client.embeddings().create(params);
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
    JsonNode reply = mapper.valueToTree(result).at("/data/0/embedding");
    // Print the vector's length and its first values.
    List<String> first = new ArrayList<>();
    for (int i = 0; i < Math.min(5, reply.size()); i++) {
      first.add(reply.get(i).asText());
    }
    String values = "[" + String.join(", ", first) + (reply.size() > 5 ? ", ...]" : "]");
    System.out.println(reply.size() + " dimensions: " + values);
  }
}
