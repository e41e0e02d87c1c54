package dev.llmfallback.internal.classify;

import dev.llmfallback.HasStatusCode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Reads the HTTP failure status of one exception (one link of a cause chain), or of the first link of a
 * cause chain that has one.
 *
 * <p>An exception implementing {@link HasStatusCode} answers directly. Otherwise the first of the public
 * no-arg accessors {@code statusCode()}, {@code getStatusCode()}, {@code status()}, {@code getStatus()},
 * {@code getRawStatusCode()}, {@code code()} whose declared return type is {@code int}, {@code Integer}, or
 * a type with a public {@code int value()} method (Spring's {@code HttpStatusCode}) is used; accessors of
 * any other type are passed over. A value outside {@value #MIN_STATUS}..{@value #MAX_STATUS}, a
 * {@code null}, or an accessor that throws gives no status: in particular a status below 400 is not a
 * failure status (the SDKs' in-stream {@code SseException} carries the stream's HTTP 200).
 *
 * <p>A link without a failure status from those accessors has two more places to look, each for its own
 * classes only: Spring AI's {@code TransientAiException} and {@code NonTransientAiException} keep the status
 * only at the head of their message ({@link SpringAiStatus}, the only message ever read), and an exception
 * with a provider error type ({@code type()}, {@code code()}: {@link ErrorTypes}) is judged by it, so that an
 * in-stream {@code overloaded_error} is 529. What each exception class offers is found once per class and
 * cached (the accessor as a method handle typed {@code (Throwable) -> int}); later reads only invoke it, and
 * a link without a failure status from it costs one more cached lookup. Never throws.
 *
 * <p>An {@link Error} has no status, and nothing of it is called: the engine never asks a predicate about an
 * Error (it ends the chain unjudged), and an Error's own code may be what failed. A cause chain goes on past
 * one to its causes.
 *
 * <p>An accessor that throws anything, {@link StackOverflowError} (a recursing accessor) and
 * {@link OutOfMemoryError} included, gives "no status" for that exception: reading a status must never
 * replace a chain's outcome. An accessor that throws an {@link Error} other than {@code OutOfMemoryError}
 * (which says nothing about the class) is taken as broken for its whole class, and not called again, so
 * that a recursing accessor costs one stack overflow, not one on every read (threads that were already
 * looking the class up when it failed may call it once more each). An accessor that never returns
 * cannot be interrupted here: whoever must bound a read runs it where it can give up waiting.
 *
 * <p>Reading allocates nothing (no boxing, no {@code OptionalInt}): the built-in predicates read the status
 * of every failure that makes a chain move on or stop, so "no status" is {@link #NO_STATUS} rather than an
 * empty optional. (An SDK's own error-type accessor may allocate; it is only asked when the status accessors
 * gave no failure status.) Not API. Stateless and thread-safe.
 */
public final class StatusCodeReader {

    /**
     * The lowest value taken for a failure status: a status below 400 (the 200 of a stream that failed
     * after it began, say) is not a failure status.
     */
    public static final int MIN_STATUS = 400;

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

    /*
     * The accessor itself, not a holder of it: every read walks ClassValue -> value -> handle, and a holder
     * would add a dependent load to each (measured: 1 ns a read on JDK 25). So a broken accessor is retired
     * by removing it, and its class's ClassFacts make the next computation give NO_ACCESSOR.
     */
    private static final ClassValue<MethodHandle> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            if (FACTS.get(type).broken) {
                return NO_ACCESSOR;
            }
            MethodHandle accessor = HasStatusCode.class.isAssignableFrom(type) ? HAS_STATUS_CODE : findAccessor(type);
            return accessor != null ? accessor : NO_ACCESSOR;
        }
    };

    private static final ClassValue<ClassFacts> FACTS = new ClassValue<>() {
        @Override
        protected ClassFacts computeValue(Class<?> type) {
            return new ClassFacts(fallbackFor(type));
        }
    };

    /**
     * What one exception class offers besides its status accessor: where to look when that gives no failure
     * status ({@code null} for most classes), and whether the accessor proved broken.
     */
    private static final class ClassFacts {

        final ToIntFunction<Throwable> fallback;

        volatile boolean broken;

        ClassFacts(ToIntFunction<Throwable> fallback) {
            this.fallback = fallback;
        }
    }

    private StatusCodeReader() {
    }

    /**
     * The status code of {@code failure} or, failing that, of the first link of its cause chain that has
     * one (see {@link CauseChain} for the bound on the walk).
     *
     * @param failure a failure, may be {@code null}
     * @return the first status code found, in {@value #MIN_STATUS}..{@value #MAX_STATUS}, or {@link #NO_STATUS}
     */
    public static int firstStatus(Throwable failure) {
        return CauseChain.firstNonNegative(failure, StatusCodeReader::readStatus);
    }

    /**
     * The failure status of {@code link} itself (its causes are not looked at).
     *
     * @param link an exception, may be {@code null}
     * @return its status code in {@value #MIN_STATUS}..{@value #MAX_STATUS}, or {@link #NO_STATUS}
     */
    public static int readStatus(Throwable link) {
        // An Error never reaches a predicate (SPEC §4) and carries no status. Checked first because it is a
        // class check on the link, whose type profile then lets C2 take the exception's usual class as known.
        if (link == null || link instanceof Error) {
            return NO_STATUS;
        }
        MethodHandle accessor;
        try {
            accessor = ACCESSORS.get(link.getClass());
        } catch (Throwable lookupFailed) {
            // The library's own lookup failed (a caller already deep in its stack, say): no fault of the
            // class's, which is looked up again next time.
            accessor = NO_ACCESSOR;
        }
        int status;
        try {
            status = (int) accessor.invokeExact(link);
        } catch (Throwable thrown) {
            // Caught here, where the exception's own code runs, whatever it threw: a stack overflow in a
            // recursing accessor is that class's fault, not the JVM's.
            if (thrown instanceof Error && !(thrown instanceof OutOfMemoryError)) {
                retire(link.getClass());
            }
            status = NO_STATUS;
        }
        if (isFailureStatus(status)) {
            return status;
        }
        try {
            ToIntFunction<Throwable> fallback = FACTS.get(link.getClass()).fallback;
            if (fallback == null) {
                return NO_STATUS;
            }
            status = fallback.applyAsInt(link);
        } catch (Throwable thrown) {
            // A fallback catches what the exception's own code throws; this only guards the readers' own
            // failures (a class that cannot be inspected), which must not replace a chain's outcome either.
            return NO_STATUS;
        }
        return isFailureStatus(status) ? status : NO_STATUS;
    }

    /*
     * Never calls the class's accessor again. Marked before the removal, so that the next computation sees it;
     * a computation already under way may still install the accessor, which then fails once more and is
     * retired again. Only ever runs on a broken class, so its cost does not matter.
     */
    private static void retire(Class<?> type) {
        try {
            FACTS.get(type).broken = true;
            ACCESSORS.remove(type);
        } catch (Throwable stillFailing) {
            // Out of stack or memory right now: the accessor stays, and is retired on a later read.
        }
    }

    private static boolean isFailureStatus(int status) {
        return status >= MIN_STATUS && status <= MAX_STATUS;
    }

    // Runs once per exception class: the two extra places exclude each other (Spring AI's exceptions have
    // no error-type accessor).
    private static ToIntFunction<Throwable> fallbackFor(Class<?> type) {
        if (SpringAiStatus.isSpringAiException(type)) {
            return SpringAiStatus::statusOf;
        }
        return ErrorTypes.hasErrorType(type) ? ErrorTypes::statusOf : null;
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
