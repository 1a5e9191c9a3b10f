// Stream a reply with the Responses API (OpenAI Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams in, or the error body
// and exits non-zero.

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;

public class Main {
  private static final String BASE_URL =
      "https://dashscope-us.aliyuncs.com/api/v2/apps/protocols/compatible-mode/v1";

  public static void main(String[] args) throws JsonProcessingException {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
      System.exit(1);
    }

    OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(apiKey).baseUrl(BASE_URL).build();

    ResponseCreateParams params =
        ResponseCreateParams.builder()
            .model("qwen-plus")
            .instructions("Answer in one sentence.")
            .input("What can the Responses API do?")
            .build();

    JsonMapper mapper = ObjectMappers.jsonMapper();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
      // Print each piece of the reply as it arrives, with nothing in between.
      stream.stream()
          .map(event -> mapper.<JsonNode>valueToTree(event))
          .filter(event -> event.path("type").asText().equals("response.output_text.delta"))
          .map(event -> event.at("/delta"))
          .filter(JsonNode::isTextual)
          .forEach(
              piece -> {
                System.out.print(piece.asText());
                System.out.flush();
              });
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
    System.out.println();
  }
}
