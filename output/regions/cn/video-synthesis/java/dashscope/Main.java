// Generate a video with Wan as an asynchronous task (DashScope Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; submits the task, polls it until it ends and prints the
// result, or prints the error and exits non-zero.

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
  private static final String BASE_URL = "https://dashscope.aliyuncs.com/api/v1";
  // How long to wait between two polls of the task, and for the task to end.
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(600);
  private static final Set<String> SUCCEEDED = Set.of("SUCCEEDED");
  private static final Set<String> FAILED = Set.of("FAILED", "CANCELED", "UNKNOWN");

  // The SDK adds input.extend_prompt and parameters.with_audio unless they are set: null leaves
  // them out (extendPrompt is deprecated, hence @SuppressWarnings).
  @SuppressWarnings("deprecation")
  public static void main(String[] args) throws InterruptedException {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
      System.exit(1);
    }

    // asyncCall reads the base URL from Constants.baseHttpApiUrl; fetch, from the constructor.
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
      // Submit the task (asyncCall sends X-DashScope-Async: enable), then poll it.
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
          // The task failed: print its answer, which says why.
          System.err.println("The task failed: " + JsonUtils.toJson(result));
          System.exit(1);
        }
        // Any other state means the task is still running.
        if (System.nanoTime() + POLL_INTERVAL.toNanos() > deadline) {
          System.err.println("The task did not finish within 600 seconds.");
          System.exit(1);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    } catch (ApiException | NoApiKeyException | InputRequiredException e) {
      // The call failed (for example an error status): print the error message.
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(result.getOutput().getVideoUrl());
  }
}
