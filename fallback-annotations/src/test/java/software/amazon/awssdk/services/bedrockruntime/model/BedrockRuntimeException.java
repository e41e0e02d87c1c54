package software.amazon.awssdk.services.bedrockruntime.model;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Test double of Bedrock Runtime's base exception. */
public class BedrockRuntimeException extends AwsServiceException {

    private static final long serialVersionUID = 1L;

    protected BedrockRuntimeException(int statusCode, AwsErrorDetails awsErrorDetails) {
        super(statusCode, awsErrorDetails);
    }
}
