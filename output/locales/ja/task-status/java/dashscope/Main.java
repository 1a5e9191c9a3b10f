// \u975e\u540c\u671f\u30bf\u30b9\u30af\u306e\u72b6\u614b\u3092\u7167\u4f1a\u3059\u308b\uff08DashScope Java SDK\uff09\u3002
// DASHSCOPE_API_KEY \u304b\u3089 API
// \u30ad\u30fc\u3092\u8aad\u307f\u53d6\u308a\u3001\u5fdc\u7b54\u3092\u51fa\u529b\u3057\u307e\u3059\u3002\u30a8\u30e9\u30fc\u306e\u3068\u304d\u306f\u30a8\u30e9\u30fc\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u51fa\u529b\u3057\u30010 \u4ee5\u5916\u3067\u7d42\u4e86\u3057\u307e\u3059\u3002

import com.alibaba.dashscope.aigc.imagesynthesis.ImageSynthesis;
import com.alibaba.dashscope.aigc.imagesynthesis.ImageSynthesisResult;
import com.alibaba.dashscope.exception.ApiException;
import com.alibaba.dashscope.exception.NoApiKeyException;
import com.alibaba.dashscope.utils.JsonUtils;

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

    // fetch() \u306f\u30bf\u30b9\u30af ID
    // \u3067\u4efb\u610f\u306e\u30bf\u30b9\u30af\u306e\u72b6\u614b\u3092\u8aad\u307f\u53d6\u308a\u307e\u3059\uff08\u30bf\u30b9\u30af\u540d\u304c\u610f\u5473\u3092\u6301\u3064\u306e\u306f\u9001\u4fe1\u3059\u308b\u3068\u304d\u3060\u3051\u3067\u3059\uff09\u3002
    ImageSynthesis imageSynthesis = new ImageSynthesis("text2image", BASE_URL);
    ImageSynthesisResult result;
    try {
      result = imageSynthesis.fetch("86ecf553-d340-4e21-af6e-a0c6a421c010", apiKey);
    } catch (ApiException | NoApiKeyException e) {
      // \u547c\u3073\u51fa\u3057\u304c\u5931\u6557\u3057\u307e\u3057\u305f\uff08\u30a8\u30e9\u30fc\u30b9\u30c6\u30fc\u30bf\u30b9\u306a\u3069\uff09\u3002\u30a8\u30e9\u30fc\u30e1\u30c3\u30bb\u30fc\u30b8\u3092\u51fa\u529b\u3057\u307e\u3059\u3002
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(JsonUtils.toJson(result.getOutput()));
  }
}
