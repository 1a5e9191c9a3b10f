// \u4ee5\u5f02\u6b65\u4efb\u52a1\u65b9\u5f0f\u7528 Wan \u751f\u6210\u89c6\u9891\uff08DashScope Java
// SDK\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\uff0c\u63d0\u4ea4\u4efb\u52a1\u5e76\u8f6e\u8be2\u76f4\u5230\u7ed3\u675f\uff0c\u7136\u540e\u8f93\u51fa\u7ed3\u679c\uff1b\u5931\u8d25\u65f6\u8f93\u51fa\u9519\u8bef\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

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
  // \u4e24\u6b21\u8f6e\u8be2\u4efb\u52a1\u4e4b\u95f4\u7684\u95f4\u9694\uff0c\u4ee5\u53ca\u7b49\u5f85\u4efb\u52a1\u7ed3\u675f\u7684\u65f6\u957f\u3002
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(600);
  private static final Set<String> SUCCEEDED = Set.of("SUCCEEDED");
  private static final Set<String> FAILED = Set.of("FAILED", "CANCELED", "UNKNOWN");

  // \u9664\u975e\u663e\u5f0f\u8bbe\u7f6e\uff0cSDK \u4f1a\u6dfb\u52a0 input.extend_prompt \u548c
  // parameters.with_audio\uff1a\u4f20\u5165 null \u5373\u4e0d\u53d1\u9001\uff08extendPrompt
  // \u5df2\u88ab\u5f03\u7528\uff0c\u56e0\u6b64\u4f7f\u7528 @SuppressWarnings\uff09\u3002
  @SuppressWarnings("deprecation")
  public static void main(String[] args) throws InterruptedException {
    // \u4ece\u73af\u5883\u53d8\u91cf\u8bfb\u53d6 API
    // \u5bc6\u94a5\uff1b\u5207\u52ff\u5c06\u5176\u5199\u5165\u4ee3\u7801\u3002
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println(
          "\u8bf7\u5c06\u73af\u5883\u53d8\u91cf DASHSCOPE_API_KEY \u8bbe\u7f6e\u4e3a\u60a8\u7684"
              + " API \u5bc6\u94a5\u3002");
      System.exit(1);
    }

    // asyncCall \u4ece Constants.baseHttpApiUrl \u8bfb\u53d6\u57fa\u7840 URL\uff0cfetch
    // \u5219\u4ece\u6784\u9020\u51fd\u6570\u8bfb\u53d6\u3002
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
      // \u63d0\u4ea4\u4efb\u52a1\uff08asyncCall \u4f1a\u53d1\u9001 X-DashScope-Async:
      // enable\uff09\uff0c\u7136\u540e\u8f6e\u8be2\u8be5\u4efb\u52a1\u3002
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
          // \u4efb\u52a1\u5931\u8d25\uff1a\u8f93\u51fa\u8bf4\u660e\u539f\u56e0\u7684\u54cd\u5e94\u3002
          System.err.println("\u4efb\u52a1\u5931\u8d25\uff1a" + JsonUtils.toJson(result));
          System.exit(1);
        }
        // \u5176\u4ed6\u4efb\u4f55\u72b6\u6001\u90fd\u8868\u793a\u4efb\u52a1\u4ecd\u5728\u8fd0\u884c\u3002
        if (System.nanoTime() + POLL_INTERVAL.toNanos() > deadline) {
          System.err.println("\u4efb\u52a1\u672a\u5728 600 \u79d2\u5185\u7ed3\u675f\u3002");
          System.exit(1);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    } catch (ApiException | NoApiKeyException | InputRequiredException e) {
      // \u8c03\u7528\u5931\u8d25\uff08\u4f8b\u5982\u8fd4\u56de\u9519\u8bef\u72b6\u6001\uff09\uff1a\u8f93\u51fa\u9519\u8bef\u6d88\u606f\u3002
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(result.getOutput().getVideoUrl());
  }
}
