package dev.llmfallback.internal;

import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackTrace;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The calling thread's chain state: one frame per chain active on this thread (more than one only when a
 * chain runs inside a provider of another), and the link the engine is about to invoke.
 *
 * <p>Confined to its thread: only {@link #get()} hands it out. Frames are reused from call to call, so
 * recording allocates nothing; an immutable {@link FallbackTrace} is made only on request and cached
 * until the frame changes. "Current" means most recently changed: inside a provider, right after a nested
 * chain returned, that nested chain; once the outer chain records its next attempt, the outer one. A
 * finished nested frame is cleared when the top-level chain returns, so nothing a trace holds outlives the
 * next chain on the thread.
 */
public final class TraceRecorder {

    private static final ThreadLocal<TraceRecorder> RECORDERS = ThreadLocal.withInitial(TraceRecorder::new);

    private Frame[] frames = new Frame[2];
    private int depth;
    private Method expectedLink;
    /** The {@linkplain AnnotatedChains#signature signature} of {@link #expectedLink}, interned. */
    private String expectedSignature;
    /**
     * The head this thread entered last ({@code AnnotatedChains}' own type), so that calling the same method
     * again looks nothing up.
     */
    Object lastHead;
    /** The nested chain that finished last while its outer chain still runs; null when none. */
    private Frame finishedNested;
    /** Orders frame changes, so that "current" can pick the most recently changed frame. */
    private long changes;

    private TraceRecorder() {
    }

    /**
     * The calling thread's recorder.
     *
     * @return the recorder, created on first use
     */
    public static TraceRecorder get() {
        return RECORDERS.get();
    }

    /**
     * What {@link FallbackTrace#current()} answers: the innermost active chain's attempts so far, else the
     * last top-level chain that finished on this thread, else the empty trace.
     *
     * @return the trace, never {@code null}
     */
    public static FallbackTrace currentTrace() {
        TraceRecorder recorder = get();
        Frame frame = recorder.frames[recorder.depth > 0 ? recorder.depth - 1 : 0];
        Frame nested = recorder.finishedNested;
        if (nested != null && (frame == null || nested.changedAt > frame.changedAt)) {
            frame = nested;
        }
        return frame == null || frame.chain == null ? FallbackTrace.empty() : frame.snapshot();
    }

    Frame enter(Chain chain, long startNanos) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame frame = frames[depth];
        if (frame == null) {
            frame = new Frame();
            frames[depth] = frame;
        }
        if (frame == finishedNested) {
            finishedNested = null;
        }
        // Started before it counts as active: if starting fails (out of memory), the stack stays as it was.
        frame.start(chain, startNanos);
        depth++;
        return frame;
    }

    void exit(Frame frame) {
        // Normally the top frame. A frame above it was abandoned (a front door failed between starting a
        // chain inline and ending it, e.g. out of memory): drop it, so that this thread's stack heals here.
        int top = depth - 1;
        while (top >= 0 && frames[top] != frame) {
            top--;
        }
        if (top < 0) {
            return;
        }
        while (depth - 1 > top) {
            frames[--depth].finish();
        }
        frame.finish();
        depth--;
        if (finishedNested != null && finishedNested != frame) {
            finishedNested.clear();
            finishedNested = null;
        }
        if (depth > 0) {
            finishedNested = frame;
        }
    }

    /** How many chains are active on this thread; for tests. */
    int depth() {
        return depth;
    }

    /**
     * Forgets every finished chain when none is running on this thread: for worker threads, between tasks.
     */
    void clearIfIdle() {
        if (depth == 0) {
            for (Frame frame : frames) {
                if (frame != null) {
                    frame.clear();
                }
            }
            finishedNested = null;
            expectedLink = null;
            expectedSignature = null;
            // A pooled worker serves other applications' chains next: keep no class of this one reachable.
            lastHead = null;
        }
    }

    /**
     * Announces that the engine is about to invoke {@code link}'s own body, so that the front door
     * intercepting that very execution runs the body instead of starting a chain of its own.
     *
     * @param link      the annotated method about to run, or {@code null} for a link no front door intercepts
     * @param signature its {@linkplain AnnotatedChains#signature signature}, interned; {@code null} with it
     */
    void expectLink(Method link, String signature) {
        expectedLink = link;
        expectedSignature = signature;
    }

    /**
     * Called by a front door as the first thing when it intercepts an annotated method's execution.
     * Consumes the expectation set by {@link #expectLink(Method, String)}: whatever the answer, the next
     * interception on this thread starts fresh.
     *
     * @param executing the method whose execution is intercepted
     * @return {@code true} if this execution is a link invoked by a running chain and must run its body
     */
    public boolean consumeExpectedLink(Method executing) {
        Method expected = expectedLink;
        if (expected == null) {
            return false;
        }
        expectedLink = null;
        return expected == executing || expected.equals(executing);
    }

    /**
     * {@link #consumeExpectedLink(Method)} for a method known by its declaring class and signature.
     *
     * @param type      the declaring class of the executing method
     * @param signature its {@linkplain AnnotatedChains#signature signature}
     * @return {@code true} if this execution is a link invoked by a running chain and must run its body
     */
    boolean consumeExpectedLink(Class<?> type, String signature) {
        Method expected = expectedLink;
        if (expected == null) {
            return false;
        }
        expectedLink = null;
        return expected.getDeclaringClass() == type && signature.equals(expectedSignature);
    }

    /** One chain run's attempts, recorded into arrays reused by the next run at the same depth. */
    final class Frame {
        private long changedAt;
        private Chain chain;
        private int count;
        private boolean active;
        private long startNanos;
        private long endNanos;
        private Outcome[] outcomes = new Outcome[4];
        private Throwable[] failures = new Throwable[4];
        private long[] starts = new long[4];
        private long[] ends = new long[4];
        private FallbackTrace snapshot;

        void start(Chain newChain, long start) {
            clear();
            int size = newChain.size();
            if (size > outcomes.length) {
                outcomes = new Outcome[size];
                failures = new Throwable[size];
                starts = new long[size];
                ends = new long[size];
            }
            chain = newChain;
            active = true;
            changedAt = ++changes;
            startNanos = start;
        }

        void record(int index, Outcome outcome, Throwable failure, long start, long end) {
            outcomes[count] = outcome;
            failures[count] = failure;
            starts[count] = start;
            ends[count] = end;
            count++;
            changedAt = ++changes;
            snapshot = null;
            // Link indexes and attempt positions coincide: every link before the one recorded was tried.
            assert index == count - 1 : "attempts are recorded in link order";
        }

        void finish() {
            active = false;
            changedAt = ++changes;
            // The last attempt's end, read once by the engine; a chain that recorded nothing reads the clock.
            endNanos = count > 0 ? ends[count - 1] : System.nanoTime();
            snapshot = null;
        }

        Chain chain() {
            return chain;
        }

        long startNanos() {
            return startNanos;
        }

        TraceRecorder recorder() {
            return TraceRecorder.this;
        }

        void clear() {
            if (count > 0) {
                Arrays.fill(failures, 0, count, null);
            }
            chain = null;
            count = 0;
            snapshot = null;
        }

        FallbackTrace snapshot() {
            FallbackTrace trace = snapshot;
            if (trace == null) {
                List<Attempt> attempts = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    attempts.add(new Attempt(i, chain.provider(i), chain.method(i), outcomes[i], failures[i],
                            Duration.ofNanos(Math.max(0, ends[i] - starts[i]))));
                }
                long end = active ? System.nanoTime() : endNanos;
                trace = FallbackTrace.of(attempts, Duration.ofNanos(Math.max(0, end - startNanos)));
                if (!active) {
                    snapshot = trace;
                }
            }
            return trace;
        }
    }
}
