package software.amazon.awssdk.core.exception;

/** Test double of the AWS SDK v2's base exception. */
public class SdkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected SdkException(String message) {
        super(message);
    }
}
