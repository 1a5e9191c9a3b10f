// Stream a Qwen-Plus reply through the DashScope API (DashScope Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply as it streams in, or the error message
// and exits non-zero.

import com.alibaba.dashscope.aigc.generation.Generation;
import com.alibaba.dashscope.aigc.generation.GenerationParam;
import com.alibaba.dashscope.common.Message;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.InputRequiredException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.protocol.Protocol;
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
                    Message.builder().role("user").content("Who are you?").build()))
            .header("X-DashScope-SSE", "enable")
            .resultFormat("message")
            .incrementalOutput(true)
            .build();

    try {
      // streamCall answers with one result per server-sent event; print each piece as it arrives.
      generation
          .streamCall(param)
          .blockingForEach(
              result -> {
                System.out.print(result.getOutput().getChoices().get(0).getMessage().getContent());
                System.out.flush();
              });
    } catch (ApiException | NoApiKeyException | InputRequiredException e) {
      // The call failed (for example an error status): print the error message.
      System.err.println(e.getMessage());
      System.exit(1);
    }
    System.out.println();
    // The SDK's streaming threads would keep the JVM running for another minute: exit now.
    System.exit(0);
  }
}
