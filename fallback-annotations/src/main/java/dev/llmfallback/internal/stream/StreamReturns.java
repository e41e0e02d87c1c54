package dev.llmfallback.internal.stream;

import java.util.stream.Stream;

/**
 * The shape of a head declared to return {@code java.util.stream.Stream<T>}: each link's stream is read as it
 * is, and the caller gets the committed stream itself, so that {@link dev.llmfallback.FallbackTrace#of(Stream)}
 * knows it. Stateless and thread-safe.
 */
final class StreamReturns extends PulledShape {

    static final StreamReturns INSTANCE = new StreamReturns();

    private StreamReturns() {
    }

    @Override
    public String describe() {
        return "Stream<T>";
    }

    @Override
    Stream<?> read(Object answer) {
        return (Stream<?>) answer;
    }

    @Override
    Object answer(Stream<?> committed, Object winner) {
        return committed;
    }
}
