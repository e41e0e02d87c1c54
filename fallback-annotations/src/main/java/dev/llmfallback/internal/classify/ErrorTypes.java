package dev.llmfallback.internal.classify;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Reads the provider's error type from one exception (one link of a cause chain): the word the API put in
 * its error body, such as {@code overloaded_error} or {@code insufficient_quota}, read from the exception's
 * public no-arg {@code type()} (or, where there is none, {@code errorType()}: anthropic-java 2.x, which Spring
 * AI 2.0 ships, names it so) and {@code code()} accessors.
 *
 * <p>Used where the HTTP status does not tell: an in-stream error ({@code SseException} of anthropic-java and
 * openai-java) carries the stream's HTTP 200, and langchain4j's Anthropic streaming error carries no status
 * at all, but each carries the error type of the {@code event: error}. And it tells a quota or billing
 * error from a transient rate limit, which share the status 429.
 *
 * <p>An accessor is used when its declared return type is {@code String}, {@code Optional} (openai-java's
 * {@code Optional<String> type()} and {@code code()}, anthropic-java's {@code Optional<ErrorType> type()}, and
 * {@code errorType()} in its 2.x),
 * or a type with a public no-arg {@code String asString()} (anthropic-java's {@code ErrorType}); an
 * {@code Optional}'s content is read the same way. Anything else, an {@code int code()} (a status, read by
 * {@link StatusCodeReader}) included, is passed over. Which accessors apply is found once per class and
 * cached as method handles. What an accessor throws gives no error type; an {@link Error} other than
 * {@link OutOfMemoryError} (a recursing accessor) disables that accessor for its class. Never throws; the
 * error type is only ever compared with the known words below, never copied into any output. Not API.
 * Stateless and thread-safe.
 */
public final class ErrorTypes {

    /** What {@link #statusOf(Throwable)} returns for "no known error type". */
    public static final int NO_STATUS = StatusCodeReader.NO_STATUS;

    private static final MethodType READ_TYPE = MethodType.methodType(Object.class, Throwable.class);

    private static final MethodType AS_STRING_TYPE = MethodType.methodType(String.class, Object.class);

    private static final ClassValue<Readers> READERS = new ClassValue<>() {
        @Override
        protected Readers computeValue(Class<?> type) {
            MethodHandle typeAccessor = wordAccessor(type, "type");
            if (typeAccessor == null) {
                // anthropic-java 2.x (the one Spring AI 2.0 ships) names it errorType(); 3.x names it type().
                typeAccessor = wordAccessor(type, "errorType");
            }
            return new Readers(typeAccessor, wordAccessor(type, "code"));
        }
    };

    // For the value objects an accessor returns (anthropic-java's ErrorType): their asString(), if any.
    private static final ClassValue<Optional<MethodHandle>> AS_STRING = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            Method asString = PublicMethods.find(type, "asString");
            if (asString == null || asString.getReturnType() != String.class) {
                return Optional.empty();
            }
            MethodHandle handle = PublicMethods.handle(type, asString);
            return handle == null ? Optional.empty() : Optional.of(handle.asType(AS_STRING_TYPE));
        }
    };

    /** The error-type accessors of one exception class; a field is {@code null} once the accessor proved broken. */
    private static final class Readers {

        volatile MethodHandle type;
        volatile MethodHandle code;

        Readers(MethodHandle type, MethodHandle code) {
            this.type = type;
            this.code = code;
        }

        boolean any() {
            return type != null || code != null;
        }
    }

    private ErrorTypes() {
    }

    /**
     * Tells whether exceptions of {@code type} have an accessor this class reads. Decided once per class.
     *
     * @param type an exception class
     * @return {@code true} if {@link #statusOf(Throwable)} can answer for its instances
     */
    public static boolean hasErrorType(Class<?> type) {
        return READERS.get(type).any();
    }

    /**
     * The HTTP status that the error type of {@code link} itself stands for: {@code type()} (or
     * {@code errorType()}) first, then {@code code()}. Anthropic's {@code overloaded_error} is 529, {@code rate_limit_error} 429,
     * {@code api_error} 500, {@code timeout_error} 504, {@code invalid_request_error} 400,
     * {@code authentication_error} 401, {@code billing_error} 402, {@code permission_error} 403,
     * {@code not_found_error} 404, {@code request_too_large} 413; OpenAI's {@code server_error} is 500, its
     * {@code rate_limit_exceeded} and {@code insufficient_quota} 429. Any other word is no status.
     *
     * @param link an exception, may be {@code null}
     * @return the status, or {@link #NO_STATUS}
     */
    public static int statusOf(Throwable link) {
        if (link == null) {
            return NO_STATUS;
        }
        Readers readers = READERS.get(link.getClass());
        int status = statusOfWord(readWord(readers, link, true));
        return status >= 0 ? status : statusOfWord(readWord(readers, link, false));
    }

    /**
     * Tells whether the error type or code of {@code link} itself names a quota or billing error:
     * OpenAI's {@code insufficient_quota} (sent with a 429) or Anthropic's {@code billing_error}.
     *
     * @param link an exception, may be {@code null}
     * @return {@code true} for a quota or billing error type
     */
    public static boolean isQuotaOrBilling(Throwable link) {
        if (link == null) {
            return false;
        }
        Readers readers = READERS.get(link.getClass());
        if (!readers.any()) {
            return false;
        }
        return isQuotaOrBillingWord(readWord(readers, link, true))
                || isQuotaOrBillingWord(readWord(readers, link, false));
    }

    // The error types of the Anthropic API (https://docs.anthropic.com/en/api/errors) and the OpenAI API's
    // type and code words that stand for a status. A switch on a String compares hash codes (cached in the
    // String) and then the one candidate: nothing is allocated.
    static int statusOfWord(String word) {
        if (word == null) {
            return NO_STATUS;
        }
        switch (word) {
            case "invalid_request_error": return 400;
            case "authentication_error": return 401;
            case "billing_error": return 402;
            case "permission_error": return 403;
            case "not_found_error": return 404;
            case "request_too_large": return 413;
            case "rate_limit_error":
            case "rate_limit_exceeded":
            case "insufficient_quota": return 429;
            case "api_error":
            case "server_error": return 500;
            case "timeout_error": return 504;
            case "overloaded_error": return 529;
            default: return NO_STATUS;
        }
    }

    private static boolean isQuotaOrBillingWord(String word) {
        return "insufficient_quota".equals(word) || "billing_error".equals(word);
    }

    private static String readWord(Readers readers, Throwable link, boolean typeAccessor) {
        MethodHandle accessor = typeAccessor ? readers.type : readers.code;
        if (accessor == null) {
            return null;
        }
        try {
            return wordOf((Object) accessor.invokeExact(link));
        } catch (Throwable thrown) {
            // Whatever the exception's own code throws: no error type. An Error other than OutOfMemoryError
            // says the accessor is broken for its class (a recursing one): never call it again.
            if (thrown instanceof Error && !(thrown instanceof OutOfMemoryError)) {
                if (typeAccessor) {
                    readers.type = null;
                } else {
                    readers.code = null;
                }
            }
            return null;
        }
    }

    // A String as it is; an Optional's content; a value object through its asString(). Nothing else: an
    // arbitrary object's toString() could be anything, and allocates.
    private static String wordOf(Object value) throws Throwable {
        Object content = value instanceof Optional ? ((Optional<?>) value).orElse(null) : value;
        if (content == null || content instanceof String) {
            return (String) content;
        }
        Optional<MethodHandle> asString = AS_STRING.get(content.getClass());
        return asString.isPresent() ? (String) asString.get().invokeExact(content) : null;
    }

    // Runs once per exception class. The handle returned is typed (Throwable) -> Object.
    private static MethodHandle wordAccessor(Class<?> type, String name) {
        Method accessor = PublicMethods.find(type, name);
        if (accessor == null || !isWordType(accessor.getReturnType())) {
            return null;
        }
        MethodHandle handle = PublicMethods.handle(type, accessor);
        return handle == null ? null : handle.asType(READ_TYPE);
    }

    private static boolean isWordType(Class<?> returned) {
        if (returned == String.class || returned == Optional.class) {
            return true;
        }
        return !returned.isPrimitive() && !returned.isArray() && AS_STRING.get(returned).isPresent();
    }
}
