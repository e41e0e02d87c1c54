package software.amazon.awssdk.services.bedrockruntime.model;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;

/** Test double of Bedrock Runtime's {@code ThrottlingException}: Throttling (HTTP 429), a transient rate limit. */
public final class ThrottlingException extends BedrockRuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The exception as the SDK builds it from an answer with these headers.
     *
     * @param namesAndValues response header name, value, name, value, ...
     */
    public ThrottlingException(String... namesAndValues) {
        super(429, new AwsErrorDetails("ThrottlingException", SdkHttpResponse.of(429, namesAndValues)));
    }
}
