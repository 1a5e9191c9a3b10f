// \u6d41\u5f0f\u83b7\u53d6\u6bcf\u4e2a\u4e8b\u4ef6\u90fd\u5305\u542b\u8fc4\u4eca\u5b8c\u6574\u6587\u672c\u7684 Qwen-Plus \u56de\u590d\uff08DashScope Java SDK\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\uff0c\u6d41\u5f0f\u8f93\u51fa\u56de\u590d\uff1b\u51fa\u9519\u65f6\u8f93\u51fa\u9519\u8bef\u6d88\u606f\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

import com.alibaba.dashscope.aigc.generation.Generation;
import com.alibaba.dashscope.aigc.generation.GenerationParam;
import com.alibaba.dashscope.common.Message;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.InputRequiredException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.protocol.Protocol;
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
            .parameter("incremental_output", false)
            .build();

    // \u6bcf\u4e2a\u4e8b\u4ef6\u90fd\u5305\u542b\u5230\u76ee\u524d\u4e3a\u6b62\u7684\u5168\u90e8\u6587\u672c\uff1a\u53ea\u8f93\u51fa\u65b0\u589e\u7684\u90e8\u5206\u3002
    StringBuilder printed = new StringBuilder();
    try {
      // streamCall
      // \u5bf9\u6bcf\u4e2a\u670d\u52a1\u5668\u53d1\u9001\u4e8b\u4ef6\u8fd4\u56de\u4e00\u4e2a\u7ed3\u679c\uff1b\u6309\u5230\u8fbe\u987a\u5e8f\u8f93\u51fa\u6bcf\u4e2a\u7247\u6bb5\u3002
      generation
          .streamCall(param)
          .blockingForEach(
              result -> {
                String text = result.getOutput().getChoices().get(0).getMessage().getContent();
                String seen = printed.toString();
                System.out.print(text.startsWith(seen) ? text.substring(seen.length()) : text);
                printed.setLength(0);
                printed.append(text);
                System.out.flush();
              });
    } catch (ApiException | NoApiKeyException | InputRequiredException e) {
      // \u8c03\u7528\u5931\u8d25\uff08\u4f8b\u5982\u8fd4\u56de\u9519\u8bef\u72b6\u6001\uff09\uff1a\u8f93\u51fa\u9519\u8bef\u6d88\u606f\u3002
      System.err.println(e.getMessage());
      System.exit(1);
    }
    System.out.println();
    // SDK \u7684\u6d41\u5f0f\u7ebf\u7a0b\u4f1a\u8ba9 JVM
    // \u518d\u8fd0\u884c\u4e00\u5206\u949f\uff1a\u73b0\u5728\u9000\u51fa\u3002
    System.exit(0);
  }
}
