package software.amazon.awssdk.core.exception;

/** Test double of the AWS SDK v2's {@code SdkServiceException}: the HTTP status as {@code int statusCode()}. */
public class SdkServiceException extends SdkException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    protected SdkServiceException(String message, int statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }

    public String requestId() {
        return null;
    }

    public boolean isThrottlingException() {
        return statusCode == 429;
    }
}
