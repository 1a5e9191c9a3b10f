// \u975e\u540c\u671f\u30bf\u30b9\u30af\u3068\u3057\u3066 Wan
// \u3067\u52d5\u753b\u3092\u751f\u6210\u3059\u308b\uff08DashScope Java SDK\uff09\u3002
// API \u30ad\u30fc\u3092 DASHSCOPE_API_KEY
// \u304b\u3089\u8aad\u307f\u8fbc\u307f\u3001\u30bf\u30b9\u30af\u3092\u9001\u4fe1\u3057\u3066\u7d42\u4e86\u3059\u308b\u307e\u3067\u30dd\u30fc\u30ea\u30f3\u30b0\u3057\u3001\u7d50\u679c\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u5931\u6557\u3057\u305f\u5834\u5408\u306f\u30a8\u30e9\u30fc\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesis;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisParam;
import com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisResult;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.InputRequiredException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.utils.Constants;
import com.alibaba.dashscope.utils.JsonUtils;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

public class Main {
  private static final String BASE_URL = "https://dashscope-intl.aliyuncs.com/api/v1";
  // \u30bf\u30b9\u30af\u3092\u30dd\u30fc\u30ea\u30f3\u30b0\u3059\u308b\u9593\u9694\u3068\u3001\u30bf\u30b9\u30af\u306e\u7d42\u4e86\u3092\u5f85\u3064\u6642\u9593\u3067\u3059\u3002
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(600);
  private static final Set<String> SUCCEEDED = Set.of("SUCCEEDED");
  private static final Set<String> FAILED = Set.of("FAILED", "CANCELED", "UNKNOWN");

  // SDK \u306f input.extend_prompt \u3068 parameters.with_audio
  // \u3092\u8a2d\u5b9a\u3057\u306a\u3044\u9650\u308a\u4ed8\u3051\u52a0\u3048\u307e\u3059: null
  // \u3092\u6e21\u3059\u3068\u9001\u4fe1\u3055\u308c\u307e\u305b\u3093\uff08extendPrompt
  // \u306f\u975e\u63a8\u5968\u306e\u305f\u3081 @SuppressWarnings
  // \u3092\u4ed8\u3051\u3066\u3044\u307e\u3059\uff09\u3002
  @SuppressWarnings("deprecation")
  public static void main(String[] args) throws InterruptedException {
    // API
    // \u30ad\u30fc\u306f\u74b0\u5883\u5909\u6570\u304b\u3089\u8aad\u307f\u53d6\u308a\u307e\u3059\u3002\u30b3\u30fc\u30c9\u306b\u76f4\u63a5\u66f8\u304b\u306a\u3044\u3067\u304f\u3060\u3055\u3044\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u74b0\u5883\u5909\u6570 DASHSCOPE_API_KEY \u306b API"
              + " \u30ad\u30fc\u3092\u8a2d\u5b9a\u3057\u3066\u304f\u3060\u3055\u3044\u3002");
      System.exit(1);
    }

    // asyncCall \u306f\u30d9\u30fc\u30b9 URL \u3092 Constants.baseHttpApiUrl
    // \u304b\u3089\u3001fetch
    // \u306f\u30b3\u30f3\u30b9\u30c8\u30e9\u30af\u30bf\u30fc\u304b\u3089\u8aad\u307f\u53d6\u308a\u307e\u3059\u3002
    Constants.baseHttpApiUrl = BASE_URL;
    VideoSynthesis videoSynthesis = new VideoSynthesis(BASE_URL, "video-generation");
    VideoSynthesisParam param =
        VideoSynthesisParam.builder()
            .apiKey(apiKey)
            .model("wan2.2-t2v-plus")
            .extendPrompt(null)
            .prompt("A kitten runs across a sunny meadow, chasing a butterfly.")
            .withAudio(null)
            .size("1920*1080")
            .duration(5)
            .build();

    VideoSynthesisResult result;
    try {
      // \u30bf\u30b9\u30af\u3092\u9001\u4fe1\u3057\uff08asyncCall \u304c X-DashScope-Async: enable
      // \u3092\u9001\u308a\u307e\u3059\uff09\u3001\u305d\u306e\u5f8c\u30dd\u30fc\u30ea\u30f3\u30b0\u3057\u307e\u3059\u3002
      result = videoSynthesis.asyncCall(param);
      String taskId = result.getOutput().getTaskId();
      long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
      while (true) {
        result = videoSynthesis.fetch(taskId, apiKey);
        String status = Objects.toString(result.getOutput().getTaskStatus(), "");
        if (SUCCEEDED.contains(status)) {
          break;
        }
        if (FAILED.contains(status)) {
          // \u30bf\u30b9\u30af\u304c\u5931\u6557\u3057\u307e\u3057\u305f\u3002\u7406\u7531\u304c\u66f8\u304b\u308c\u305f\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
          System.err.println(
              "\u30bf\u30b9\u30af\u304c\u5931\u6557\u3057\u307e\u3057\u305f: "
                  + JsonUtils.toJson(result));
          System.exit(1);
        }
        // \u305d\u308c\u4ee5\u5916\u306e\u72b6\u614b\u306f\u3001\u30bf\u30b9\u30af\u304c\u307e\u3060\u5b9f\u884c\u4e2d\u3067\u3042\u308b\u3053\u3068\u3092\u793a\u3057\u307e\u3059\u3002
        if (System.nanoTime() + POLL_INTERVAL.toNanos() > deadline) {
          System.err.println(
              "\u30bf\u30b9\u30af\u304c 600"
                  + " \u79d2\u4ee5\u5185\u306b\u7d42\u4e86\u3057\u307e\u305b\u3093\u3067\u3057\u305f\u3002");
          System.exit(1);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    } catch (ApiException | NoApiKeyException | InputRequiredException e) {
      // \u547c\u3073\u51fa\u3057\u304c\u5931\u6557\u3057\u307e\u3057\u305f\uff08\u30a8\u30e9\u30fc\u30b9\u30c6\u30fc\u30bf\u30b9\u306a\u3069\uff09\u3002\u30a8\u30e9\u30fc\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(result.getOutput().getVideoUrl());
  }
}
