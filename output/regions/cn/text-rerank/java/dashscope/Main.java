// Rerank documents through the DashScope API (DashScope Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error message and exits
// non-zero.

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
  private static final String BASE_URL = "https://dashscope.aliyuncs.com/api/v1";

  public static void main(String[] args) {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
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
      // The call failed (for example an error status): print the error message.
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(JsonUtils.toJson(result.getOutput().getResults()));
  }
}
