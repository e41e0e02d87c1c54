package software.amazon.awssdk.http;

import java.util.List;
import java.util.Map;

/** Test double of the AWS SDK v2's {@code SdkHttpHeaders}: {@code Map<String, List<String>> headers()}. */
public interface SdkHttpHeaders {

    Map<String, List<String>> headers();
}
