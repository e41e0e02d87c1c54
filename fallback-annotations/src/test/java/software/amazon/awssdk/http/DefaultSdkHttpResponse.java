package software.amazon.awssdk.http;

import java.util.List;
import java.util.Map;

/** Not public, as the SDK's implementations of {@code SdkHttpResponse} are not. */
final class DefaultSdkHttpResponse implements SdkHttpResponse {

    private final int statusCode;
    private final Map<String, List<String>> headers;

    DefaultSdkHttpResponse(int statusCode, Map<String, List<String>> headers) {
        this.statusCode = statusCode;
        this.headers = headers;
    }

    @Override
    public int statusCode() {
        return statusCode;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }
}
