package software.amazon.awssdk.awscore.exception;

import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Test double of the AWS SDK v2's {@code AwsServiceException}: the status from {@code SdkServiceException}, the
 * response headers only at {@code awsErrorDetails().sdkHttpResponse().headers()}.
 */
public class AwsServiceException extends SdkServiceException {

    private static final long serialVersionUID = 1L;

    private final transient AwsErrorDetails awsErrorDetails;

    protected AwsServiceException(int statusCode, AwsErrorDetails awsErrorDetails) {
        super("service error", statusCode);
        this.awsErrorDetails = awsErrorDetails;
    }

    public AwsErrorDetails awsErrorDetails() {
        return awsErrorDetails;
    }
}
