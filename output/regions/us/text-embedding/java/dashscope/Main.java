// Embed texts through the DashScope API (DashScope Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error message and exits
// non-zero.

import com.alibaba.dashscope.embeddings.TextEmbedding;
import com.alibaba.dashscope.embeddings.TextEmbeddingParam;
import com.alibaba.dashscope.embeddings.TextEmbeddingResult;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import java.util.List;

public class Main {
  private static final String BASE_URL = "https://dashscope-us.aliyuncs.com/api/v1";

  public static void main(String[] args) {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
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
      // The call failed (for example an error status): print the error message.
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    List<Double> vector = result.getOutput().getEmbeddings().get(0).getEmbedding();
    // A vector: print its length and first values.
    System.out.println(
        vector.size() + " dimensions: " + vector.subList(0, Math.min(5, vector.size())));
  }
}
