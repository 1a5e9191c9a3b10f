// \u5404\u30a4\u30d9\u30f3\u30c8\u304c\u305d\u308c\u307e\u3067\u306e\u5168\u6587\u3092\u542b\u3080
// Qwen-Plus
// \u306e\u5fdc\u7b54\u3092\u30b9\u30c8\u30ea\u30fc\u30df\u30f3\u30b0\u3059\u308b\uff08DashScope
// Java SDK\uff09\u3002
// DASHSCOPE_API_KEY \u304b\u3089 API
// \u30ad\u30fc\u3092\u8aad\u307f\u53d6\u308a\u3001\u30b9\u30c8\u30ea\u30fc\u30df\u30f3\u30b0\u3067\u5c4a\u304f\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u30a8\u30e9\u30fc\u306e\u3068\u304d\u306f\u30a8\u30e9\u30fc\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

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
    // API
    // \u30ad\u30fc\u306f\u74b0\u5883\u5909\u6570\u304b\u3089\u8aad\u307f\u53d6\u308a\u307e\u3059\u3002\u30b3\u30fc\u30c9\u306b\u76f4\u63a5\u66f8\u304b\u306a\u3044\u3067\u304f\u3060\u3055\u3044\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u74b0\u5883\u5909\u6570 DASHSCOPE_API_KEY \u306b API"
              + " \u30ad\u30fc\u3092\u8a2d\u5b9a\u3057\u3066\u304f\u3060\u3055\u3044\u3002");
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

    // \u5404\u30a4\u30d9\u30f3\u30c8\u306b\u306f\u305d\u308c\u307e\u3067\u306e\u30c6\u30ad\u30b9\u30c8\u5168\u4f53\u304c\u5165\u3063\u3066\u3044\u307e\u3059\u3002\u65b0\u3057\u3044\u90e8\u5206\u3060\u3051\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
    StringBuilder printed = new StringBuilder();
    try {
      // streamCall \u306f Server-Sent Event \u3054\u3068\u306b\u7d50\u679c\u3092 1
      // \u3064\u8fd4\u3057\u307e\u3059\u3002\u5404\u65ad\u7247\u3092\u5c4a\u3044\u305f\u9806\u306b\u51fa\u529b\u3057\u307e\u3059\u3002
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
      // \u547c\u3073\u51fa\u3057\u304c\u5931\u6557\u3057\u307e\u3057\u305f\uff08\u30a8\u30e9\u30fc\u30b9\u30c6\u30fc\u30bf\u30b9\u306a\u3069\uff09\u3002\u30a8\u30e9\u30fc\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
      System.err.println(e.getMessage());
      System.exit(1);
    }
    System.out.println();
    // SDK \u306e\u30b9\u30c8\u30ea\u30fc\u30df\u30f3\u30b0\u7528\u30b9\u30ec\u30c3\u30c9\u304c JVM
    // \u3092\u3055\u3089\u306b 1
    // \u5206\u9593\u52d5\u304b\u3057\u7d9a\u3051\u308b\u305f\u3081\u3001\u3053\u3053\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002
    System.exit(0);
  }
}
