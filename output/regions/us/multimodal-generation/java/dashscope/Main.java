// Ask Qwen-VL about an image through the DashScope API (DashScope Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error message and exits
// non-zero.

import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversation;
import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversationParam;
import com.alibaba.dashscope.aigc.multimodalconversation.MultiModalConversationResult;
import com.alibaba.dashscope.common.MultiModalMessage;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.exception.UploadFileException;
import com.alibaba.dashscope.protocol.Protocol;
import com.alibaba.dashscope.utils.JsonUtils;
import java.util.List;
import java.util.Map;

public class Main {
  private static final String BASE_URL = "https://dashscope-us.aliyuncs.com/api/v1";

  public static void main(String[] args) {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
      System.exit(1);
    }

    MultiModalConversation conversation =
        new MultiModalConversation(Protocol.HTTP.getValue(), BASE_URL);
    // Each content part is a map: an image URL ("image") or a question ("text").
    MultiModalConversationParam param =
        MultiModalConversationParam.builder()
            .apiKey(apiKey)
            .model("qwen-vl-plus")
            .messages(
                List.of(
                    MultiModalMessage.builder()
                        .role("user")
                        .content(
                            List.of(
                                Map.of(
                                    "image",
                                    "https://dashscope.oss-cn-beijing.aliyuncs.com/images/dog_and_girl.jpeg"),
                                Map.of("text", "What is in this picture?")))
                        .build()))
            .build();

    MultiModalConversationResult result;
    try {
      result = conversation.call(param);
    } catch (ApiException | NoApiKeyException | UploadFileException e) {
      // The call failed (for example an error status): print the error message.
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(JsonUtils.toJson(result));
  }
}
