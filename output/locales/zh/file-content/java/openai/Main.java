// \u4e0b\u8f7d\u6279\u5904\u7406\u7ed3\u679c\uff08OpenAI Java SDK\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API \u5bc6\u94a5\uff0c\u5c06\u54cd\u5e94\u4fdd\u5b58\u5230
// results.jsonl\uff1b\u5931\u8d25\u65f6\u8f93\u51fa\u9519\u8bef\u6b63\u6587\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

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

    FileContentParams params =
        FileContentParams.builder().fileId("file-batch_output-6a7b8c9d0e1f2a3b4c5d6e7f").build();

    Path saveAs = Path.of("results.jsonl");
    try (HttpResponse response = client.files().content(params)) {
      // \u54cd\u5e94\u662f\u4e00\u4e2a\u6587\u4ef6\uff1a\u4fdd\u5b58\u5176\u5b57\u8282\u3002
      Files.copy(response.body(), saveAs, StandardCopyOption.REPLACE_EXISTING);
      System.out.println(
          "\u5df2\u4fdd\u5b58 results.jsonl\uff08" + Files.size(saveAs) + " \u5b57\u8282\uff09");
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
    } catch (IOException e) {
      System.err.println("\u65e0\u6cd5\u4fdd\u5b58\u5e94\u7b54\uff1a" + e);
      System.exit(1);
      return;
    } finally {
      client.close();
    }
  }
}
