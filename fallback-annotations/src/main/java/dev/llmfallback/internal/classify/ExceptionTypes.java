package dev.llmfallback.internal.classify;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Tells network failures and timeouts apart by the type of one exception (one link of a cause chain, not
 * the chain).
 *
 * <p>Network failures: any {@link SocketException} ({@code ConnectException}, {@code NoRouteToHostException}
 * included), {@link UnknownHostException}, {@link SSLHandshakeException}, and the SDKs' I/O exceptions
 * {@code com.anthropic.errors.AnthropicIoException} and {@code com.openai.errors.OpenAIIoException}, with
 * their subclasses. Timeouts: any {@link InterruptedIOException} ({@code SocketTimeoutException} included;
 * OkHttp, and so both SDKs, report call timeouts as {@code InterruptedIOException("timeout")}),
 * {@link TimeoutException}, {@code java.net.http.HttpTimeoutException}, and any exception whose class or a
 * superclass has a name ending in {@code TimeoutException} and that carries no HTTP status (anthropic-java's
 * {@code RequestTimeoutException} and {@code GatewayTimeoutException} are HTTP 408 and 504 answers, judged
 * by their status, not timeouts of the call). Classes this library does not compile against
 * are matched by name, so that none of them is needed at run time. The decision is made once per class and
 * cached. Not API. Stateless and thread-safe.
 */
public final class ExceptionTypes {

    private static final Set<String> SDK_IO_EXCEPTIONS =
            Set.of("com.anthropic.errors.AnthropicIoException", "com.openai.errors.OpenAIIoException");

    // By name: the java.net.http module need not be resolved at run time.
    private static final String HTTP_TIMEOUT_EXCEPTION = "java.net.http.HttpTimeoutException";

    private static final String TIMEOUT_SUFFIX = "TimeoutException";

    private static final ClassValue<Boolean> NETWORK = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return SocketException.class.isAssignableFrom(type)
                    || UnknownHostException.class.isAssignableFrom(type)
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
     * Tells whether {@code link} itself is a timeout.
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
                || (TIMEOUT_BY_NAME.get(type) && StatusCodeReader.readStatus(link) < 0);
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
