package dev.llmfallback.internal.run;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.Attempt.Outcome;
import dev.llmfallback.FallbackListener.Activation;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.internal.classify.RecordedSummaries;
import dev.llmfallback.internal.observe.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's sync chains: one frame per chain active on the thread (more than one only when a chain runs
 * inside a provider of another), and what {@link FallbackTrace#current()} answers.
 *
 * <p>Confined to its thread. Frames are reused from call to call, so recording allocates nothing; an
 * immutable {@link FallbackTrace} is made only on request and cached until the frame changes. "Current" means
 * most recently changed: inside a provider, right after a nested chain returned, that nested chain; once the
 * outer chain records its next attempt, the outer one. A finished nested frame is cleared when the top-level
 * chain returns, so nothing a trace holds outlives the next chain on the thread.
 */
public final class TraceStack {

    private Frame[] frames = new Frame[2];
    private int depth;
    /** The nested chain that finished last while its outer chain still runs; null when none. */
    private Frame finishedNested;
    /** Orders frame changes, so that "current" can pick the most recently changed frame. */
    private long changes;

    /** The state this stack belongs to: a chain that goes on after an inline head reaches it without a lookup. */
    private final ThreadState owner;

    TraceStack(ThreadState owner) {
        this.owner = owner;
    }

    /**
     * The thread state this stack is part of.
     *
     * @return the owner
     */
    ThreadState owner() {
        return owner;
    }

    /**
     * What {@link FallbackTrace#current()} answers: the innermost active chain's attempts so far, else the
     * last top-level chain that finished on this thread, else the empty trace.
     *
     * @return the trace, never {@code null}
     */
    public static FallbackTrace currentTrace() {
        ThreadState thread = ThreadState.peek();
        return thread == null ? FallbackTrace.empty() : thread.traces().current();
    }

    private FallbackTrace current() {
        Frame frame = frames[depth > 0 ? depth - 1 : 0];
        Frame nested = finishedNested;
        if (nested != null && (frame == null || nested.changedAt > frame.changedAt)) {
            frame = nested;
        }
        return frame == null || frame.chain == null ? FallbackTrace.empty() : frame.snapshot();
    }

    Frame enter(Chain chain, long startNanos) {
        Frame frame = depth < frames.length ? frames[depth] : null;
        if (frame == null) {
            frame = newFrame();
        }
        if (frame == finishedNested) {
            finishedNested = null;
        }
        // Started before it counts as active: if starting fails (out of memory), the stack stays as it was.
        frame.start(chain, startNanos);
        depth++;
        // Once the frame counts as active: a chain that a listener runs gets a frame of its own.
        Observation observation = chain.observe(frame.spare, true);
        if (observation != null) {
            frame.observation = observation;
            frame.spare = observation;
        }
        return frame;
    }

    /*
     * The first chain at this depth on this thread: its frame, made once and kept. Out of enter, which every
     * front door inlines: C2 inlines a method only while its compiled code stays small (InlineSmallCode), and
     * code that runs once per thread and depth would count against it on every call.
     */
    private Frame newFrame() {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame frame = new Frame();
        frames[depth] = frame;
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

    /**
     * How many chains are active on this thread.
     *
     * @return the depth
     */
    public int depth() {
        return depth;
    }

    /** Forgets every finished chain when none is running on this thread: for worker threads, between tasks. */
    void clearIfIdle() {
        if (depth == 0) {
            for (Frame frame : frames) {
                if (frame != null) {
                    frame.clear();
                }
            }
            finishedNested = null;
        }
    }

    /**
     * One chain run's attempts, recorded into arrays reused by the next run at the same depth. The sync
     * runner's {@link AttemptSink}.
     */
    public final class Frame implements AttemptSink {
        private static final Outcome[] OUTCOMES = Outcome.values();

        private long changedAt;
        private Chain chain;
        private int count;
        private boolean active;
        private long startNanos;
        private long endNanos;
        /*
         * Ordinals, not the constants: the happy path then stores no reference into this long-lived frame. Under G1
         * such a store costs a card check and a StoreLoad fence whenever the two objects lie in different regions,
         * which made a call's cost depend on where a collection happened to put them (BENCHMARKS.md).
         */
        private byte[] outcomes = new byte[4];
        /*
         * Only failed attempts have a failure, and only some of those and skipped ones a summary: a run writes and
         * clears these slots only when it has one ({@code holdsFailures}, {@code holdsSummaries}).
         */
        private Throwable[] failures = new Throwable[4];
        private String[] summaries = new String[4];
        private boolean holdsFailures;
        private boolean holdsSummaries;
        private long[] starts = new long[4];
        private long[] ends = new long[4];
        private FallbackTrace snapshot;
        private Object attachment;
        /** What provider health admitted the attempt in flight as (see {@link AttemptSink#admitted}). */
        private long admission;
        /** The run as its listeners see it; {@code null} when no one listens. */
        private Observation observation;
        /** The observation this frame's runs reuse, made by the first one that was observed. */
        private Observation spare;
        /** What the run threw, for its listeners. */
        private Throwable thrown;
        /** An inline head's scopes and their activation on this thread, until the head ends. */
        private Observation.Scopes inlineScopes;
        private Activation[] inlineActive;

        Frame() {
        }

        @Override
        public void admitted(long ticket) {
            admission = ticket;
        }

        @Override
        public long admission() {
            return admission;
        }

        void start(Chain newChain, long start) {
            forgetFailures();
            int size = newChain.size();
            if (size > outcomes.length) {
                grow(size);
            }
            if (chain != newChain) {
                // The same chain again, the usual case, stores nothing: see outcomes.
                chain = newChain;
            }
            count = 0;
            snapshot = null;
            active = true;
            changedAt = ++changes;
            startNanos = start;
            admission = 0; // ProviderCell.RUN: an inline head runs only on a healthy provider
        }

        /* Out of start for the reason newFrame is out of enter: it runs once per frame and chain length. */
        private void grow(int size) {
            outcomes = new byte[size];
            failures = new Throwable[size];
            summaries = new String[size];
            starts = new long[size];
            ends = new long[size];
        }

        @Override
        public void record(int index, Outcome outcome, Throwable failure, String summary, long start, long end) {
            outcomes[count] = (byte) outcome.ordinal();
            if (failure != null) {
                failures[count] = failure;
                holdsFailures = true;
            }
            if (summary != null) {
                summaries[count] = summary;
                holdsSummaries = true;
            }
            starts[count] = start;
            ends[count] = end;
            count++;
            changedAt = ++changes;
            // No snapshot to drop: an active frame caches none (see snapshot()).
            // Link indexes and attempt positions coincide: every link before the one recorded was tried.
            assert index == count - 1 : "attempts are recorded in link order";
        }

        @Override
        public AllProvidersFailedException allFailed() {
            return RecordedSummaries.allProvidersFailed(snapshot());
        }

        @Override
        public AllProvidersFailedException allUnhealthy(Duration retryAfter) {
            return RecordedSummaries.allProvidersUnhealthy(snapshot(), retryAfter);
        }

        void finish() {
            active = false;
            changedAt = ++changes;
            // The last attempt's end, read once by the engine; a chain that recorded nothing reads the clock.
            endNanos = count > 0 ? ends[count - 1] : chain.scheduler().nanoTime();
            Observation ending = observation;
            if (ending != null) {
                observation = null;
                endInline();
                Throwable failure = thrown;
                thrown = null;
                ending.chainEnded(endNanos - startNanos, failure);
            }
        }

        @Override
        public Observation observation() {
            return observation;
        }

        /** Remembers what the run threw, for its listeners; nothing when no one listens. */
        void thrown(Throwable failure) {
            if (observation != null) {
                thrown = failure;
            }
        }

        /** Keeps an inline head's activated scopes until {@link #endInline()}. */
        void inline(Observation.Scopes scopes, Activation[] activation) {
            inlineScopes = scopes;
            inlineActive = activation;
        }

        /** The inline head returned or threw: undoes its scopes' activation on this thread. */
        void endInline() {
            Observation.Scopes scopes = inlineScopes;
            if (scopes != null) {
                inlineScopes = null;
                Activation[] activation = inlineActive;
                inlineActive = null;
                scopes.deactivate(activation);
            }
        }

        Chain chain() {
            return chain;
        }

        long startNanos() {
            return startNanos;
        }

        TraceStack stack() {
            return TraceStack.this;
        }

        /**
         * What a front door keeps with this frame, reused with it: the typed token it hands to woven code.
         *
         * @return the attachment, {@code null} until one is set
         */
        public Object attachment() {
            return attachment;
        }

        /**
         * Sets {@link #attachment()}.
         *
         * @param value the front door's token for this frame
         */
        public void attach(Object value) {
            attachment = value;
        }

        void clear() {
            forgetFailures();
            chain = null;
            count = 0;
            snapshot = null;
        }

        private void forgetFailures() {
            if (holdsFailures) {
                Arrays.fill(failures, 0, count, null);
                holdsFailures = false;
            }
            if (holdsSummaries) {
                Arrays.fill(summaries, 0, count, null);
                holdsSummaries = false;
            }
        }

        FallbackTrace snapshot() {
            FallbackTrace trace = snapshot;
            if (trace == null) {
                List<Attempt> attempts = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    Link link = chain.link(i);
                    attempts.add(new Attempt(i, link.provider(), link.method(), OUTCOMES[outcomes[i]], failures[i],
                            Duration.ofNanos(Math.max(0, ends[i] - starts[i]))));
                }
                long end = active ? chain.scheduler().nanoTime() : endNanos;
                trace = RecordedSummaries.trace(attempts, summaries, Duration.ofNanos(Math.max(0, end - startNanos)));
                if (!active) {
                    snapshot = trace;
                }
            }
            return trace;
        }
    }
}
