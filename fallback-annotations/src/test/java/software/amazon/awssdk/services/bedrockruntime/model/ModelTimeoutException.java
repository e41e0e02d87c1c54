package software.amazon.awssdk.services.bedrockruntime.model;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;

/** Test double of Bedrock Runtime's {@code ModelTimeoutException}: the model timed out (HTTP 408), a status, not a timeout of the call. */
public final class ModelTimeoutException extends BedrockRuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The exception as the SDK builds it from an answer with these headers.
     *
     * @param namesAndValues response header name, value, name, value, ...
     */
    public ModelTimeoutException(String... namesAndValues) {
        super(408, new AwsErrorDetails("ModelTimeoutException", SdkHttpResponse.of(408, namesAndValues)));
    }
}
