// Download the results of a batch (OpenAI Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; saves the answer to results.jsonl, or prints the error
// body and exits non-zero.

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.files.FileContentParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    FileContentParams params =
        FileContentParams.builder().fileId("file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f").build();

    Path saveAs = Path.of("results.jsonl");
    try (HttpResponse response = client.files().content(params)) {
      // The answer is a file: save its bytes.
      Files.copy(response.body(), saveAs, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("Saved results.jsonl (" + Files.size(saveAs) + " bytes)");
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
    } catch (IOException e) {
      System.err.println("Cannot save the answer: " + e);
      System.exit(1);
      return;
    } finally {
      client.close();
    }
  }
}
