// DashScope API
// \u3067\u30c9\u30ad\u30e5\u30e1\u30f3\u30c8\u3092\u518d\u30e9\u30f3\u30af\u4ed8\u3051\u3059\u308b\uff08DashScope Java SDK\uff09\u3002
// DASHSCOPE_API_KEY \u304b\u3089 API
// \u30ad\u30fc\u3092\u8aad\u307f\u53d6\u308a\u3001\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u30a8\u30e9\u30fc\u306e\u3068\u304d\u306f\u30a8\u30e9\u30fc\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.InputRequiredException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.protocol.Protocol;
import com.alibaba.dashscope.rerank.TextReRank;
import com.alibaba.dashscope.rerank.TextReRankParam;
import com.alibaba.dashscope.rerank.TextReRankResult;
import com.alibaba.dashscope.utils.JsonUtils;
import java.util.List;

public class Main {
  private static final String BASE_URL = "https://dashscope-intl.aliyuncs.com/api/v1";

  public static void main(String[] args) {
    // API
    // \u30ad\u30fc\u306f\u74b0\u5883\u5909\u6570\u304b\u3089\u8aad\u307f\u53d6\u308a\u307e\u3059\u3002\u30b3\u30fc\u30c9\u306b\u76f4\u63a5\u66f8\u304b\u306a\u3044\u3067\u304f\u3060\u3055\u3044\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u74b0\u5883\u5909\u6570 DASHSCOPE_API_KEY \u306b API"
              + " \u30ad\u30fc\u3092\u8a2d\u5b9a\u3057\u3066\u304f\u3060\u3055\u3044\u3002");
      System.exit(1);
    }

    TextReRank textReRank = new TextReRank(Protocol.HTTP.getValue(), BASE_URL);
    TextReRankParam param =
        TextReRankParam.builder()
            .apiKey(apiKey)
            .model("gte-rerank-v2")
            .query("What is a text ranking model?")
            .documents(
                List.of(
                    "Text ranking models are widely used in search engines and recommendation"
                        + " systems.",
                    "Quantum computing is a cutting-edge field of computer science.",
                    "The development of pre-trained language models has advanced text ranking."))
            .returnDocuments(true)
            .topN(2)
            .build();

    TextReRankResult result;
    try {
      result = textReRank.call(param);
    } catch (ApiException | InputRequiredException | NoApiKeyException e) {
      // \u547c\u3073\u51fa\u3057\u304c\u5931\u6557\u3057\u307e\u3057\u305f\uff08\u30a8\u30e9\u30fc\u30b9\u30c6\u30fc\u30bf\u30b9\u306a\u3069\uff09\u3002\u30a8\u30e9\u30fc\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(JsonUtils.toJson(result.getOutput().getResults()));
  }
}
