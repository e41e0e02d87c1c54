package dev.llmfallback.internal;

import dev.llmfallback.HasStatusCode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the HTTP status code of one exception (one link of a cause chain, not the chain).
 *
 * <p>An exception implementing {@link HasStatusCode} answers directly. Otherwise the first of the public
 * no-arg accessors {@code statusCode()}, {@code getStatusCode()}, {@code status()}, {@code getStatus()},
 * {@code getRawStatusCode()}, {@code code()} whose declared return type is {@code int}, {@code Integer}, or
 * a type with a public {@code int value()} method (Spring's {@code HttpStatusCode}) is used; accessors of
 * any other type are passed over. Which accessor, if any, is found once per exception class and cached;
 * later reads only invoke a method handle. A value outside 100..999, a {@code null}, or an accessor that
 * throws gives no status. Never throws (bar {@link VirtualMachineError}). Not API. Stateless and
 * thread-safe.
 */
public final class StatusCodeReader {

    /** The lowest value taken for a status code. */
    public static final int MIN_STATUS = 100;

    /**
     * The highest value taken for a status code: three digits, so that non-standard codes such as 529
     * ({@code overloaded_error}) count.
     */
    public static final int MAX_STATUS = 999;

    private static final List<String> ACCESSOR_NAMES =
            List.of("statusCode", "getStatusCode", "status", "getStatus", "getRawStatusCode", "code");

    private static final MethodType READ_TYPE = MethodType.methodType(Object.class, Throwable.class);

    private static final ClassValue<Optional<MethodHandle>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            return Optional.ofNullable(findAccessor(type));
        }
    };

    private StatusCodeReader() {
    }

    /**
     * The status code of {@code link} itself (its causes are not looked at).
     *
     * @param link an exception, may be {@code null}
     * @return its status code in 100..999, or empty
     */
    public static OptionalInt read(Throwable link) {
        if (link == null) {
            return OptionalInt.empty();
        }
        try {
            Integer status = link instanceof HasStatusCode
                    ? Integer.valueOf(((HasStatusCode) link).statusCode())
                    : invokeAccessor(link);
            return status != null && status >= MIN_STATUS && status <= MAX_STATUS
                    ? OptionalInt.of(status)
                    : OptionalInt.empty();
        } catch (Throwable thrown) {
            FatalErrors.rethrowIfFatal(thrown);
            return OptionalInt.empty();
        }
    }

    private static Integer invokeAccessor(Throwable link) throws Throwable {
        Optional<MethodHandle> accessor = ACCESSORS.get(link.getClass());
        if (accessor.isEmpty()) {
            return null;
        }
        Object value = (Object) accessor.get().invokeExact(link);
        return value instanceof Integer ? (Integer) value : null;
    }

    // Runs once per exception class. The handle returned is typed (Throwable) -> Object (a boxed int).
    private static MethodHandle findAccessor(Class<?> type) {
        for (String name : ACCESSOR_NAMES) {
            Method accessor = PublicMethods.find(type, name);
            if (accessor == null) {
                continue;
            }
            MethodHandle handle = readingHandle(type, accessor);
            if (handle != null) {
                return handle;
            }
        }
        return null;
    }

    private static MethodHandle readingHandle(Class<?> type, Method accessor) {
        Class<?> returned = accessor.getReturnType();
        boolean integral = returned == int.class || returned == Integer.class;
        Method value = integral || returned.isPrimitive() ? null : intValueMethod(returned);
        if (!integral && value == null) {
            return null;
        }
        MethodHandle handle = PublicMethods.handle(type, accessor);
        if (handle == null) {
            return null;
        }
        if (value != null) {
            MethodHandle valueHandle = PublicMethods.handle(returned, value);
            if (valueHandle == null) {
                return null;
            }
            // A null status object makes value() throw, which read() turns into "no status".
            handle = MethodHandles.filterReturnValue(handle, valueHandle);
        }
        return handle.asType(READ_TYPE);
    }

    private static Method intValueMethod(Class<?> type) {
        Method value = PublicMethods.find(type, "value");
        return value != null && value.getReturnType() == int.class ? value : null;
    }
}
