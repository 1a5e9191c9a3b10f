// \u30d0\u30c3\u30c1\u30b8\u30e7\u30d6\u3092\u4f5c\u6210\u3059\u308b\uff08OpenAI Java
// SDK\uff09\u3002
// DASHSCOPE_API_KEY \u304b\u3089 API
// \u30ad\u30fc\u3092\u8aad\u307f\u53d6\u308a\u3001\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u30a8\u30e9\u30fc\u306e\u3068\u304d\u306f\u30a8\u30e9\u30fc\u672c\u6587\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import java.util.Map;

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

    BatchCreateParams params =
        BatchCreateParams.builder()
            .inputFileId("file-batch-5b9c8a7d6e5f4a3b2c1d0e9f")
            .endpoint(BatchCreateParams.Endpoint.of("/v1/chat/completions"))
            .completionWindow(BatchCreateParams.CompletionWindow.of("24h"))
            .putAdditionalBodyProperty(
                "metadata",
                JsonValue.from(
                    Map.of(
                        "ds_name",
                        "Quarterly reports",
                        "ds_description",
                        "Summaries of the quarterly reports")))
            .build();

    Batch result;
    try {
      result = client.batches().create(params);
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

    JsonMapper mapper = ObjectMappers.jsonMapper();
    JsonNode reply = mapper.valueToTree(result).at("/id");
    System.out.println(reply.asText());
  }
}
