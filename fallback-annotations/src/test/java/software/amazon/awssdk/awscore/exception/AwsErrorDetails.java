package software.amazon.awssdk.awscore.exception;

import software.amazon.awssdk.http.SdkHttpResponse;

/** Test double of the AWS SDK v2's {@code AwsErrorDetails}: the error code and the raw HTTP response. */
public class AwsErrorDetails {

    private final String errorCode;
    private final SdkHttpResponse sdkHttpResponse;

    public AwsErrorDetails(String errorCode, SdkHttpResponse sdkHttpResponse) {
        this.errorCode = errorCode;
        this.sdkHttpResponse = sdkHttpResponse;
    }

    public String errorCode() {
        return errorCode;
    }

    public String serviceName() {
        return "BedrockRuntime";
    }

    public SdkHttpResponse sdkHttpResponse() {
        return sdkHttpResponse;
    }
}
