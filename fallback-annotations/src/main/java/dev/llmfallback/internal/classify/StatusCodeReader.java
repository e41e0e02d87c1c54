package dev.llmfallback.internal.classify;

import dev.llmfallback.HasStatusCode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/**
 * Reads the HTTP status code of one exception (one link of a cause chain), or of the first link of a cause
 * chain that has one.
 *
 * <p>An exception implementing {@link HasStatusCode} answers directly. Otherwise the first of the public
 * no-arg accessors {@code statusCode()}, {@code getStatusCode()}, {@code status()}, {@code getStatus()},
 * {@code getRawStatusCode()}, {@code code()} whose declared return type is {@code int}, {@code Integer}, or
 * a type with a public {@code int value()} method (Spring's {@code HttpStatusCode}) is used; accessors of
 * any other type are passed over. Which accessor, if any, is found once per exception class and cached as
 * a method handle typed {@code (Throwable) -> int}; later reads only invoke it. A value outside 100..999,
 * a {@code null}, or an accessor that throws gives no status. Never throws.
 *
 * <p>An accessor that throws anything, {@link StackOverflowError} (a recursing accessor) and
 * {@link OutOfMemoryError} included, gives "no status" for that exception: reading a status must never
 * replace a chain's outcome. An accessor that throws an {@link Error} other than {@code OutOfMemoryError}
 * (which says nothing about the class) is taken as broken for its whole class, and never called again, so
 * that a recursing accessor costs one stack overflow, not one on every read. An accessor that never returns
 * cannot be interrupted here: whoever must bound a read runs it where it can give up waiting.
 *
 * <p>Reading allocates nothing (no boxing, no {@code OptionalInt}): the built-in predicates read the status
 * of every failure that makes a chain move on or stop, so "no status" is {@link #NO_STATUS} rather than an
 * empty optional. Not API. Stateless and thread-safe.
 */
public final class StatusCodeReader {

    /** The lowest value taken for a status code. */
    public static final int MIN_STATUS = 100;

    /**
     * The highest value taken for a status code: three digits, so that non-standard codes such as 529
     * ({@code overloaded_error}) count.
     */
    public static final int MAX_STATUS = 999;

    /** What the readers return for "no status": negative, so never a status code. */
    public static final int NO_STATUS = -1;

    private static final List<String> ACCESSOR_NAMES =
            List.of("statusCode", "getStatusCode", "status", "getStatus", "getRawStatusCode", "code");

    private static final MethodType READ_TYPE = MethodType.methodType(int.class, Throwable.class);

    // For classes without a usable accessor: one handle shape for every class keeps readStatus free of a
    // "has an accessor" branch and of an Optional around the cached value.
    private static final MethodHandle NO_ACCESSOR = MethodHandles.dropArguments(
            MethodHandles.constant(int.class, NO_STATUS), 0, Throwable.class);

    private static final MethodHandle INT_OR_NO_STATUS;

    private static final MethodHandle IS_NULL;

    private static final MethodHandle HAS_STATUS_CODE;

    static {
        try {
            INT_OR_NO_STATUS = MethodHandles.lookup().findStatic(StatusCodeReader.class, "intOrNoStatus",
                    MethodType.methodType(int.class, Integer.class));
            IS_NULL = MethodHandles.lookup().findStatic(Objects.class, "isNull",
                    MethodType.methodType(boolean.class, Object.class));
            HAS_STATUS_CODE = MethodHandles.lookup().findVirtual(HasStatusCode.class, "statusCode",
                    MethodType.methodType(int.class)).asType(READ_TYPE);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ClassValue<Accessor> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessor computeValue(Class<?> type) {
            MethodHandle accessor = HasStatusCode.class.isAssignableFrom(type) ? HAS_STATUS_CODE : findAccessor(type);
            return new Accessor(accessor != null ? accessor : NO_ACCESSOR);
        }
    };

    /** The status accessor of one exception class; {@link #NO_ACCESSOR} once it proved broken. */
    private static final class Accessor {

        volatile MethodHandle read;

        Accessor(MethodHandle read) {
            this.read = read;
        }
    }

    private StatusCodeReader() {
    }

    /**
     * The status code of {@code failure} or, failing that, of the first link of its cause chain that has
     * one (see {@link CauseChain} for the bound on the walk).
     *
     * @param failure a failure, may be {@code null}
     * @return the first status code found, in 100..999, or {@link #NO_STATUS}
     */
    public static int firstStatus(Throwable failure) {
        return CauseChain.firstNonNegative(failure, StatusCodeReader::readStatus);
    }

    /**
     * The status code of {@code link} itself (its causes are not looked at).
     *
     * @param link an exception, may be {@code null}
     * @return its status code in 100..999, or {@link #NO_STATUS}
     */
    public static int readStatus(Throwable link) {
        if (link == null) {
            return NO_STATUS;
        }
        Accessor accessor = null;
        int status;
        try {
            accessor = ACCESSORS.get(link.getClass());
            status = (int) accessor.read.invokeExact(link);
        } catch (Throwable thrown) {
            // Caught here, where the exception's own code runs, whatever it threw: a stack overflow in a
            // recursing accessor is that class's fault, not the JVM's.
            if (accessor != null && thrown instanceof Error && !(thrown instanceof OutOfMemoryError)) {
                accessor.read = NO_ACCESSOR;
            }
            return NO_STATUS;
        }
        return status >= MIN_STATUS && status <= MAX_STATUS ? status : NO_STATUS;
    }

    // Runs once per exception class. The handle returned is typed (Throwable) -> int.
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
        if (returned == Integer.class) {
            // Unboxing through asType would turn a null Integer into a NullPointerException on every read.
            handle = MethodHandles.filterReturnValue(handle, INT_OR_NO_STATUS);
        } else if (value != null) {
            MethodHandle valueHandle = PublicMethods.handle(returned, value);
            if (valueHandle == null) {
                return null;
            }
            handle = MethodHandles.filterReturnValue(handle, nullSafe(valueHandle, returned));
        }
        return handle.asType(READ_TYPE);
    }

    // Letting value() throw on a null status object would also give "no status", but a thrown exception
    // costs its stack trace on every read: JDK 25 builds one each time through a method handle, where
    // JDK 17's JIT happened to throw a preallocated one.
    private static MethodHandle nullSafe(MethodHandle valueHandle, Class<?> statusType) {
        MethodHandle isNull = IS_NULL.asType(MethodType.methodType(boolean.class, statusType));
        MethodHandle none = MethodHandles.dropArguments(
                MethodHandles.constant(int.class, NO_STATUS), 0, statusType);
        return MethodHandles.guardWithTest(isNull, none, valueHandle);
    }

    private static Method intValueMethod(Class<?> type) {
        Method value = PublicMethods.find(type, "value");
        return value != null && value.getReturnType() == int.class ? value : null;
    }

    @SuppressWarnings("unused") // found through a method handle
    private static int intOrNoStatus(Integer status) {
        return status != null ? status : NO_STATUS;
    }
}
