// Query the state of an asynchronous task (DashScope Java SDK).
// Reads the API key from DASHSCOPE_API_KEY; prints the reply, or the error message and exits
// non-zero.

import com.alibaba.dashscope.aigc.imagesynthesis.ImageSynthesis;
import com.alibaba.dashscope.aigc.imagesynthesis.ImageSynthesisResult;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.utils.JsonUtils;

public class Main {
  private static final String BASE_URL = "https://dashscope-us.aliyuncs.com/api/v1";

  public static void main(String[] args) {
    // Read the API key from the environment; never write it into the code.
    String apiKey = System.getenv("DASHSCOPE_API_KEY");
    if (apiKey == null || apiKey.isEmpty()) {
      System.err.println("Set the DASHSCOPE_API_KEY environment variable to your API key.");
      System.exit(1);
    }

    // fetch() reads the state of any task by its id (the task name only matters when submitting
    // one).
    ImageSynthesis imageSynthesis = new ImageSynthesis("text2image", BASE_URL);
    ImageSynthesisResult result;
    try {
      result = imageSynthesis.fetch("86ecf553-d340-4e21-af6e-a0c6a421c010", apiKey);
    } catch (ApiException | NoApiKeyException e) {
      // The call failed (for example an error status): print the error message.
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(JsonUtils.toJson(result.getOutput()));
  }
}
