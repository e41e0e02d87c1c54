package dev.llmfallback.internal.classify;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP response headers an exception exposes, read through whatever API they have.
 *
 * <p>The headers come from the exception's public no-arg {@code headers()}, {@code getHeaders()} or
 * {@code getResponseHeaders()}, or else from {@code awsErrorDetails().sdkHttpResponse().headers()} (the AWS
 * SDK v2's service exceptions; a {@code null} on the way gives no headers); which, if any, is found once per
 * exception class from the declared return types and cached as one method handle. A header is read from the
 * returned object with the first of its public methods {@code values(String)} (the Anthropic and OpenAI
 * SDKs), {@code getFirst(String)} (Spring), {@code firstValue(String)} ({@code java.net.http}) or
 * {@code get(String)} (OkHttp) that returns a {@code String}, an {@code Optional} or a {@code Collection};
 * failing those, a {@link Map} is searched with a case-insensitive key match. Which of these applies is
 * found once per headers class and cached. Whatever the exception's or the headers' own code throws (a
 * {@link StackOverflowError} included) gives no headers or no value. Instances are short-lived views; the
 * class is thread-safe and never throws. Not API.
 */
public final class ResponseHeaders {

    private static final List<String> ACCESSOR_NAMES = List.of("headers", "getHeaders", "getResponseHeaders");

    // AwsServiceException.awsErrorDetails() -> AwsErrorDetails.sdkHttpResponse() -> SdkHttpHeaders.headers()
    private static final List<String> AWS_HEADERS_PATH = List.of("awsErrorDetails", "sdkHttpResponse", "headers");

    private static final List<String> LOOKUP_NAMES = List.of("values", "getFirst", "firstValue", "get");

    private static final MethodType ACCESSOR_TYPE = MethodType.methodType(Object.class, Throwable.class);

    private static final MethodType LOOKUP_TYPE = MethodType.methodType(Object.class, Object.class, String.class);

    private static final MethodHandle IS_NULL;

    static {
        try {
            IS_NULL = MethodHandles.lookup().findStatic(Objects.class, "isNull",
                    MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ClassValue<Optional<MethodHandle>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            return Optional.ofNullable(findAccessor(type));
        }
    };

    private static final ClassValue<Optional<HeaderLookup>> LOOKUPS = new ClassValue<>() {
        @Override
        protected Optional<HeaderLookup> computeValue(Class<?> type) {
            return Optional.ofNullable(findLookup(type));
        }
    };

    private final Object headers;
    private final HeaderLookup lookup;

    private ResponseHeaders(Object headers, HeaderLookup lookup) {
        this.headers = headers;
        this.lookup = lookup;
    }

    /**
     * The response headers {@code link} itself exposes (its causes are not looked at).
     *
     * @param link an exception, may be {@code null}
     * @return its headers, or empty if it exposes none in a form this class can read
     */
    public static Optional<ResponseHeaders> of(Throwable link) {
        if (link == null) {
            return Optional.empty();
        }
        try {
            Optional<MethodHandle> accessor = ACCESSORS.get(link.getClass());
            if (accessor.isEmpty()) {
                return Optional.empty();
            }
            Object headers = (Object) accessor.get().invokeExact(link);
            if (headers == null) {
                return Optional.empty();
            }
            return LOOKUPS.get(headers.getClass()).map(lookup -> new ResponseHeaders(headers, lookup));
        } catch (Throwable thrown) {
            return Optional.empty();
        }
    }

    /**
     * The first value of the first of {@code names} that has one. Several spellings of one header may be
     * given for header APIs that match names case-sensitively.
     *
     * @param names header names, in order of preference
     * @return the value, or empty
     */
    public Optional<String> first(String... names) {
        for (String name : names) {
            try {
                String value = firstValueOf(lookup.find(headers, name), 0);
                if (value != null) {
                    return Optional.of(value);
                }
            } catch (Throwable thrown) {
                // an unreadable header: try the next name
            }
        }
        return Optional.empty();
    }

    // Header APIs answer with a String, an Optional<String> or a List<String>; unwrap at most a couple of
    // levels (Optional of a List, say) and give up on anything else.
    private static String firstValueOf(Object raw, int depth) {
        if (raw == null || depth > 2) {
            return null;
        }
        if (raw instanceof CharSequence) {
            return raw.toString();
        }
        if (raw instanceof Optional) {
            return firstValueOf(((Optional<?>) raw).orElse(null), depth + 1);
        }
        if (raw instanceof Collection) {
            Iterator<?> values = ((Collection<?>) raw).iterator();
            return values.hasNext() ? firstValueOf(values.next(), depth + 1) : null;
        }
        return null;
    }

    private static MethodHandle findAccessor(Class<?> type) {
        for (String name : ACCESSOR_NAMES) {
            MethodHandle handle = accessorPath(type, List.of(name));
            if (handle != null) {
                return handle;
            }
        }
        return accessorPath(type, AWS_HEADERS_PATH);
    }

    // The public no-arg accessors named by path, each called on what the one before returned, as one handle
    // typed (Throwable) -> Object; each step is found on the declared return type of the one before. A null
    // on the way ends the walk with null rather than a NullPointerException, whose stack trace would be
    // built on every read.
    private static MethodHandle accessorPath(Class<?> type, List<String> path) {
        Class<?> current = type;
        MethodHandle composed = null;
        for (String name : path) {
            Method accessor = PublicMethods.find(current, name);
            if (accessor == null || accessor.getReturnType().isPrimitive()) {
                return null;
            }
            MethodHandle step = PublicMethods.handle(current, accessor);
            if (step == null) {
                return null;
            }
            composed = composed == null ? step : MethodHandles.filterReturnValue(composed, nullSafe(step, current));
            current = accessor.getReturnType();
        }
        return composed == null ? null : composed.asType(ACCESSOR_TYPE);
    }

    private static MethodHandle nullSafe(MethodHandle step, Class<?> receiverType) {
        MethodHandle isNull = IS_NULL.asType(MethodType.methodType(boolean.class, receiverType));
        return MethodHandles.guardWithTest(isNull, MethodHandles.empty(step.type()), step);
    }

    private static HeaderLookup findLookup(Class<?> type) {
        for (String name : LOOKUP_NAMES) {
            Method method = PublicMethods.find(type, name, String.class);
            if (method == null || !isHeaderValueType(method.getReturnType())) {
                continue;
            }
            MethodHandle handle = PublicMethods.handle(type, method);
            if (handle != null) {
                MethodHandle typed = handle.asType(LOOKUP_TYPE);
                return (headers, headerName) -> (Object) typed.invokeExact(headers, headerName);
            }
        }
        return Map.class.isAssignableFrom(type) ? ResponseHeaders::findInMap : null;
    }

    private static boolean isHeaderValueType(Class<?> type) {
        return type == String.class || type == Optional.class || Collection.class.isAssignableFrom(type);
    }

    // Map keys are header names as received: match them the way HTTP does, ignoring case.
    private static Object findInMap(Object headers, String name) {
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) headers).entrySet()) {
            if (entry.getKey() instanceof String && ((String) entry.getKey()).equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Reads one header's raw value (a String, Optional or Collection) from a headers object. */
    @FunctionalInterface
    private interface HeaderLookup {
        Object find(Object headers, String name) throws Throwable;
    }
}
