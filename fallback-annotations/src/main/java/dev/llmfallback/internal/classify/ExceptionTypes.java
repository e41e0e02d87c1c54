package dev.llmfallback.internal.classify;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Tells network failures, timeouts and quota errors apart by the type of one exception (one link of a cause
 * chain, not the chain).
 *
 * <p>Network failures: any {@link SocketException} ({@code ConnectException}, {@code NoRouteToHostException}
 * included), {@link UnknownHostException}, {@link UnresolvedAddressException} (how the JDK's channels, and so
 * langchain4j's JDK HTTP client, report a host name that does not resolve), {@link SSLHandshakeException},
 * and the SDKs' I/O exceptions {@code com.anthropic.errors.AnthropicIoException} and
 * {@code com.openai.errors.OpenAIIoException}, with their subclasses. Timeouts: any
 * {@link InterruptedIOException} ({@code SocketTimeoutException} included; OkHttp, and so both SDKs, report
 * call timeouts as {@code InterruptedIOException("timeout")}), {@link TimeoutException},
 * {@code java.net.http.HttpTimeoutException}, and any exception whose class or a superclass has a name ending
 * in {@code TimeoutException} and whose cause chain (the exception itself included) carries no HTTP status:
 * anthropic-java's {@code RequestTimeoutException} and {@code GatewayTimeoutException} are HTTP 408 and 504
 * answers, and langchain4j's {@code TimeoutException} wraps the {@code HttpException} of a 408 answer; each is
 * judged by its status, not taken for a timeout of the call. Quota errors by type: the AWS SDK's
 * {@code ServiceQuotaExceededException} of any service (Bedrock's included). Classes this library does not
 * compile against are matched by name, so that none of them is needed at run time. The decision is made once
 * per class and cached. Not API. Stateless and thread-safe.
 */
public final class ExceptionTypes {

    private static final Set<String> SDK_IO_EXCEPTIONS =
            Set.of("com.anthropic.errors.AnthropicIoException", "com.openai.errors.OpenAIIoException");

    // By name: the java.net.http module need not be resolved at run time.
    private static final String HTTP_TIMEOUT_EXCEPTION = "java.net.http.HttpTimeoutException";

    private static final String TIMEOUT_SUFFIX = "TimeoutException";

    // software.amazon.awssdk.services.<service>.model.ServiceQuotaExceededException, one class per service.
    private static final String AWS_SERVICES_PACKAGE = "software.amazon.awssdk.services.";

    private static final String AWS_QUOTA_SIMPLE_NAME = ".ServiceQuotaExceededException";

    private static final ClassValue<Boolean> NETWORK = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return SocketException.class.isAssignableFrom(type)
                    || UnknownHostException.class.isAssignableFrom(type)
                    || UnresolvedAddressException.class.isAssignableFrom(type)
                    || SSLHandshakeException.class.isAssignableFrom(type)
                    || anySuperclassNamed(type, SDK_IO_EXCEPTIONS);
        }
    };

    private static final ClassValue<Boolean> TIMEOUT_BY_TYPE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return InterruptedIOException.class.isAssignableFrom(type)
                    || TimeoutException.class.isAssignableFrom(type)
                    || anySuperclassNamed(type, Set.of(HTTP_TIMEOUT_EXCEPTION));
        }
    };

    private static final ClassValue<Boolean> TIMEOUT_BY_NAME = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return anySuperclassNameEndsWith(type, TIMEOUT_SUFFIX);
        }
    };

    private static final ClassValue<Boolean> QUOTA = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                String name = c.getName();
                if (name.startsWith(AWS_SERVICES_PACKAGE) && name.endsWith(AWS_QUOTA_SIMPLE_NAME)) {
                    return true;
                }
            }
            return false;
        }
    };

    private ExceptionTypes() {
    }

    /**
     * Tells whether {@code link} itself is a network failure.
     *
     * @param link an exception, may be {@code null}
     * @return {@code true} for a network failure
     */
    public static boolean isNetwork(Throwable link) {
        return link != null && NETWORK.get(link.getClass());
    }

    /**
     * Tells whether {@code link} itself is a timeout. A class that is a timeout only by its name is asked
     * for the status of its cause chain too.
     *
     * @param link an exception, may be {@code null}
     * @return {@code true} for a timeout
     */
    public static boolean isTimeout(Throwable link) {
        if (link == null) {
            return false;
        }
        Class<?> type = link.getClass();
        return TIMEOUT_BY_TYPE.get(type)
                || (TIMEOUT_BY_NAME.get(type) && StatusCodeReader.firstStatus(link) < 0);
    }

    /**
     * Tells whether {@code link} itself is a quota error by its type: an AWS SDK
     * {@code ServiceQuotaExceededException}.
     *
     * @param link an exception, may be {@code null}
     * @return {@code true} for a quota error by type
     */
    public static boolean isQuotaByType(Throwable link) {
        return link != null && QUOTA.get(link.getClass());
    }

    private static boolean anySuperclassNamed(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    // getName(), not getSimpleName(): a nested class's binary name ends the same way, and getName never
    // throws on unusual class files.
    private static boolean anySuperclassNameEndsWith(Class<?> type, String suffix) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
