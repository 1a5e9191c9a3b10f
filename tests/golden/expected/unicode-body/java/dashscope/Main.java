// Call Qwen-Plus through the DashScope API (DashScope Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error message and exits
// non-zero.

import com.alibaba.dashscope.aigc.generation.Generation;
import com.alibaba.dashscope.aigc.generation.GenerationParam;
import com.alibaba.dashscope.aigc.generation.GenerationResult;
import com.alibaba.dashscope.common.Message;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.InputRequiredException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.protocol.Protocol;
import com.alibaba.dashscope.utils.JsonUtils;
import java.util.List;

public class Main {
  private static final String BASE_URL = "https://dashscope-intl.aliyuncs.com/api/v1";

  public static void main(String[] args) {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
      System.exit(1);
    }

    Generation generation = new Generation(Protocol.HTTP.getValue(), BASE_URL);
    GenerationParam param =
        GenerationParam.builder()
            .apiKey(apiKey)
            .model("qwen-plus")
            .messages(
                List.of(
                    Message.builder()
                        .role("system")
                        .content("You are a helpful assistant.")
                        .build(),
                    Message.builder()
                        .role("user")
                        .content(
                            "\u4f60\u597d\uff0c\u4e16\u754c \u3053\u3093\u306b\u3061\u306f"
                                + " \ud83d\ude80\ud83d\udc69\u200d\ud83d\udcbb"
                                + " \u0645\u0631\u062d\u0628\u0627 \u05e2\u05d1\u05e8\u05d9\u05ea"
                                + " \u00e9\u0301 line\u2028sep \u202eRTL-override\u202c"
                                + " zero\u200bwidth")
                        .build()))
            .resultFormat("message")
            .build();

    GenerationResult result;
    try {
      result = generation.call(param);
    } catch (ApiException | NoApiKeyException | InputRequiredException e) {
      // The call failed (for example an error status): print the error message.
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(JsonUtils.toJson(result));
  }
}
