// \u901a\u8fc7 DashScope API \u751f\u6210\u6587\u672c\u5411\u91cf\uff08DashScope Java
// SDK\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\u5e76\u8f93\u51fa\u56de\u590d\uff1b\u51fa\u9519\u65f6\u8f93\u51fa\u9519\u8bef\u6d88\u606f\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

import com.alibaba.dashscope.embeddings.TextEmbedding;
import com.alibaba.dashscope.embeddings.TextEmbeddingParam;
import com.alibaba.dashscope.embeddings.TextEmbeddingResult;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import java.util.List;

public class Main {
  private static final String BASE_URL = "https://dashscope-intl.aliyuncs.com/api/v1";

  public static void main(String[] args) {
    // \u4ece\u73af\u5883\u53d8\u91cf\u8bfb\u53d6 API
    // \u5bc6\u94a5\uff1b\u5207\u52ff\u5c06\u5176\u5199\u5165\u4ee3\u7801\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u8bf7\u5c06\u73af\u5883\u53d8\u91cf DASHSCOPE_API_KEY \u8bbe\u7f6e\u4e3a\u60a8\u7684"
              + " API \u5bc6\u94a5\u3002");
      System.exit(1);
    }

    TextEmbedding textEmbedding = new TextEmbedding(BASE_URL);
    TextEmbeddingParam param =
        TextEmbeddingParam.builder()
            .apiKey(apiKey)
            .model("text-embedding-v4")
            .texts(
                List.of(
                    "The wind is strong and the sky is high.", "Apes cry sadly on the river bank."))
            .dimension(1024)
            .textType(TextEmbeddingParam.TextType.DOCUMENT)
            .build();

    TextEmbeddingResult result;
    try {
      result = textEmbedding.call(param);
    } catch (ApiException | NoApiKeyException e) {
      // \u8c03\u7528\u5931\u8d25\uff08\u4f8b\u5982\u8fd4\u56de\u9519\u8bef\u72b6\u6001\uff09\uff1a\u8f93\u51fa\u9519\u8bef\u6d88\u606f\u3002
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    List<Double> vector = result.getOutput().getEmbeddings().get(0).getEmbedding();
    // \u5411\u91cf\uff1a\u8f93\u51fa\u5176\u957f\u5ea6\u548c\u524d\u51e0\u4e2a\u503c\u3002
    System.out.println(
        vector.size() + " dimensions: " + vector.subList(0, Math.min(5, vector.size())));
  }
}
