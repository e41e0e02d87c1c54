package software.amazon.awssdk.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test double of the AWS SDK v2's {@code SdkHttpResponse}, an interface whose implementation is not public;
 * its {@code headers()} is a case-insensitive map of lists, as the SDK's.
 */
public interface SdkHttpResponse extends SdkHttpHeaders {

    int statusCode();

    /**
     * A response with the given status and headers.
     *
     * @param statusCode the status
     * @param namesAndValues header name, value, name, value, ...
     * @return the response
     */
    static SdkHttpResponse of(int statusCode, String... namesAndValues) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return new DefaultSdkHttpResponse(statusCode, Collections.unmodifiableMap(headers));
    }
}
