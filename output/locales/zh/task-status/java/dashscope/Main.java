// \u67e5\u8be2\u5f02\u6b65\u4efb\u52a1\u7684\u72b6\u6001\uff08DashScope Java SDK\uff09\u3002
// \u4ece DASHSCOPE_API_KEY \u8bfb\u53d6 API
// \u5bc6\u94a5\u5e76\u8f93\u51fa\u56de\u590d\uff1b\u51fa\u9519\u65f6\u8f93\u51fa\u9519\u8bef\u6d88\u606f\u5e76\u4ee5\u975e\u96f6\u72b6\u6001\u9000\u51fa\u3002

import com.alibaba.dashscope.aigc.imagesynthesis.ImageSynthesis;
import com.alibaba.dashscope.aigc.imagesynthesis.ImageSynthesisResult;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.utils.JsonUtils;

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

    // fetch() \u6309\u4efb\u52a1 ID
    // \u8bfb\u53d6\u4efb\u610f\u4efb\u52a1\u7684\u72b6\u6001\uff08\u4efb\u52a1\u540d\u53ea\u5728\u63d0\u4ea4\u4efb\u52a1\u65f6\u6709\u610f\u4e49\uff09\u3002
    ImageSynthesis imageSynthesis = new ImageSynthesis("text2image", BASE_URL);
    ImageSynthesisResult result;
    try {
      result = imageSynthesis.fetch("86ecf553-d340-4e21-af6e-a0c6a421c010", apiKey);
    } catch (ApiException | NoApiKeyException e) {
      // \u8c03\u7528\u5931\u8d25\uff08\u4f8b\u5982\u8fd4\u56de\u9519\u8bef\u72b6\u6001\uff09\uff1a\u8f93\u51fa\u9519\u8bef\u6d88\u606f\u3002
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(JsonUtils.toJson(result.getOutput()));
  }
}
