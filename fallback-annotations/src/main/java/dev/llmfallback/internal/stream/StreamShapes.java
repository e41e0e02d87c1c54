package dev.llmfallback.internal.stream;

import dev.llmfallback.internal.classify.PublicMethods;
import dev.llmfallback.internal.stream.publish.PublishingRuns;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * Recognises streaming return types (SPEC §13) for annotated chains: which {@link StreamShape} a head's
 * declared return type has, and whether any link's declared type streams at all. The kinds known today, tried
 * in order: a publisher ({@code java.util.concurrent.Flow.Publisher}, Reactive Streams'
 * {@code org.reactivestreams.Publisher}, Reactor's {@code Flux} and {@code Mono}, the last three by name, with
 * no dependency on either library: {@link PublishedShape}); {@code java.util.stream.Stream}
 * ({@link StreamReturns}); an {@code AutoCloseable} with a public no-arg {@code stream()} returning a
 * {@code Stream} (the SDKs' {@code StreamResponse<T>}: {@link CloseableReturns}). A new kind is one more case
 * in {@link #streams} and {@link #forHead}. Stateless and thread-safe; the closeable shapes are made once per
 * declared interface ({@link ClassValue}).
 */
public final class StreamShapes {

    private static final ClassValue<CloseableReturns> CLOSEABLES = new ClassValue<>() {
        @Override
        protected CloseableReturns computeValue(Class<?> type) {
            MethodHandle stream = PublicMethods.handle(type, streamMethod(type));
            if (stream == null) {
                throw new Unfit("its stream() cannot be called by llm-fallback", "make " + type.getName()
                        + " and its stream() public");
            }
            return new CloseableReturns(type, stream);
        }
    };

    private StreamShapes() {
    }

    /**
     * Whether a link declared to return {@code type} streams: its answer would be read as a stream.
     *
     * @param type a method's declared return type
     * @return {@code true} for a {@code Stream}, an {@code AutoCloseable} with {@code stream()}, or a publisher
     */
    public static boolean streams(Class<?> type) {
        return Stream.class.isAssignableFrom(type) || isPublisher(type)
                || (AutoCloseable.class.isAssignableFrom(type) && streamMethod(type) != null);
    }

    /**
     * The shape of a head declared to return {@code type}.
     *
     * @param type the head's declared return type
     * @return its shape, or {@code null} when the head does not stream
     * @throws Unfit if the head streams but its chain cannot answer as {@code type}
     */
    public static StreamShape forHead(Class<?> type) {
        if (PublishingRuns.supports(type)) {
            return new PublishedShape(type);
        }
        if (isPublisher(type)) {
            throw new Unfit("it returns " + type.getName() + ", a kind of publisher; a streaming chain answers "
                    + "with a publisher of its own (the committed provider's elements, its preamble first)",
                    "declare the return type java.util.concurrent.Flow.Publisher<T>, "
                            + "org.reactivestreams.Publisher<T>, or Reactor's Flux<T> or Mono<T>");
        }
        if (Stream.class.isAssignableFrom(type)) {
            if (type != Stream.class) {
                throw new Unfit("it returns " + type.getName() + ", a kind of Stream; a streaming chain answers "
                        + "with a Stream of its own (the committed provider's, its preamble first)",
                        "declare the return type Stream<T>");
            }
            return StreamReturns.INSTANCE;
        }
        if (!streams(type)) {
            return null;
        }
        if (!type.isInterface()) {
            throw new Unfit("it returns " + type.getName() + ", an AutoCloseable class with stream(); a streaming "
                    + "chain answers with an object of its own whose stream() is the committed provider's and "
                    + "whose close() closes it, which it can make only for an interface",
                    "declare the return type as an interface with stream() and close() (the SDKs' "
                            + "StreamResponse<T>), or return Stream<T>: response.stream().onClose(response::close)");
        }
        try {
            return CLOSEABLES.get(type);
        } catch (Unfit unfit) {
            throw new Unfit(unfit.getMessage(), unfit.fix());
        }
    }

    /** Whether {@code type} is a {@link Flow.Publisher} or implements {@code org.reactivestreams.Publisher}. */
    private static boolean isPublisher(Class<?> type) {
        if (Flow.Publisher.class.isAssignableFrom(type)) {
            return true;
        }
        if (type.getName().equals("org.reactivestreams.Publisher")) {
            return true;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (isPublisher(implemented)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The public no-arg instance {@code stream()} of {@code type} that returns a {@code Stream}, or null. */
    private static Method streamMethod(Class<?> type) {
        Method stream = PublicMethods.find(type, "stream");
        return stream != null && Stream.class.isAssignableFrom(stream.getReturnType())
                && !Modifier.isStatic(stream.getModifiers()) ? stream : null;
    }

    /**
     * A head streams, but its chain cannot answer as its declared type: the message says what is wrong,
     * {@link #fix()} how to fix it.
     */
    public static final class Unfit extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String fix;

        Unfit(String problem, String fix) {
            super(problem);
            this.fix = fix;
        }

        /**
         * How to fix the head.
         *
         * @return the fix, for the §8 message
         */
        public String fix() {
            return fix;
        }
    }
}
