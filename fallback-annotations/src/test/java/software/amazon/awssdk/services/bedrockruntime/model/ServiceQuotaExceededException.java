package software.amazon.awssdk.services.bedrockruntime.model;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;

/** Test double of Bedrock Runtime's {@code ServiceQuotaExceededException}: the account's service quota exceeded (HTTP 400), a quota error. */
public final class ServiceQuotaExceededException extends BedrockRuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The exception as the SDK builds it from an answer with these headers.
     *
     * @param namesAndValues response header name, value, name, value, ...
     */
    public ServiceQuotaExceededException(String... namesAndValues) {
        super(400, new AwsErrorDetails("ServiceQuotaExceededException", SdkHttpResponse.of(400, namesAndValues)));
    }
}
