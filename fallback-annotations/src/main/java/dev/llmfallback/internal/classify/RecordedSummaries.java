package dev.llmfallback.internal.classify;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import java.time.Duration;
import java.util.List;

/**
 * Builds traces and {@link AllProvidersFailedException}s that describe failures by the summaries the engine
 * recorded when it judged them ({@link FailureSummary#of(Throwable)}), so that a trace's {@code toString()}
 * and the exception's message run no failure's code again: an accessor that answered once may recurse,
 * throw or never return the next time, and by then nothing bounds it.
 *
 * <p>The public API stays as it is: {@link FallbackTrace} hands this class its private factories when it is
 * initialized. Not API. Thread-safe.
 */
public final class RecordedSummaries {

    /** Implemented by {@link FallbackTrace}, which alone can make what this class builds. */
    public interface Access {

        /**
         * Makes a trace.
         *
         * @param attempts the attempts, in order
         * @param summaries recorded failure summaries by attempt index, or {@code null}
         * @param elapsed the whole run's duration
         * @return the trace
         */
        FallbackTrace trace(List<Attempt> attempts, String[] summaries, Duration elapsed);

        /**
         * Makes the exception for a chain whose every link failed.
         *
         * @param trace the chain's trace
         * @return the exception
         */
        AllProvidersFailedException allProvidersFailed(FallbackTrace trace);

        /**
         * Makes the exception for a chain whose every link was skipped as unhealthy.
         *
         * @param trace      the chain's trace
         * @param retryAfter the time left until the earliest recovery
         * @return the exception
         */
        AllProvidersFailedException allProvidersUnhealthy(FallbackTrace trace, java.time.Duration retryAfter);
    }

    private static volatile Access access;

    private RecordedSummaries() {
    }

    /**
     * Called once, by {@link FallbackTrace}'s initializer; later calls are ignored.
     *
     * @param implementation the factories
     */
    public static synchronized void install(Access implementation) {
        if (access == null) {
            access = implementation;
        }
    }

    /**
     * A trace, like {@link FallbackTrace#of(List, Duration)}, whose {@code toString()} shows the recorded
     * summaries.
     *
     * @param attempts the attempts, in order (copied)
     * @param summaries {@code summaries[i]} is what {@link FailureSummary#of(Throwable)} said of attempt
     *     {@code i}'s failure when it was judged; a {@code null} entry, one past the array's end or a
     *     {@code null} array means none was recorded, and the summary is computed when needed (copied)
     * @param elapsed the whole run's duration
     * @return the trace
     */
    public static FallbackTrace trace(List<Attempt> attempts, String[] summaries, Duration elapsed) {
        return access().trace(attempts, summaries, elapsed);
    }

    /**
     * The exception for a chain whose every link failed, its message made from {@code trace}'s recorded
     * summaries; otherwise like {@link AllProvidersFailedException#AllProvidersFailedException(List)} with
     * {@code trace.attempts()}.
     *
     * @param trace the chain's trace, made by {@link #trace(List, String[], Duration)}
     * @return the exception, to be thrown
     * @throws IllegalArgumentException if the trace has no attempt
     */
    public static AllProvidersFailedException allProvidersFailed(FallbackTrace trace) {
        return access().allProvidersFailed(trace);
    }

    /**
     * The exception for a chain whose every link was skipped as unhealthy, its message made of the recorded
     * reasons.
     *
     * @param trace      the chain's trace
     * @param retryAfter the time left until the earliest recovery
     * @return the exception
     */
    public static AllProvidersFailedException allProvidersUnhealthy(FallbackTrace trace, java.time.Duration retryAfter) {
        return access().allProvidersUnhealthy(trace, retryAfter);
    }

    private static Access access() {
        Access installed = access;
        if (installed == null) {
            FallbackTrace.empty(); // initializes FallbackTrace, which installs its factories
            installed = access;
        }
        return installed;
    }
}
