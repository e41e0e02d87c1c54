package dev.llmfallback.weaving;

import dev.llmfallback.internal.plan.AnnotatedChains;
import dev.llmfallback.internal.run.TraceStack;

/**
 * What {@link WovenChains#enter} answers for one execution of an {@code @LlmFallback} method, as a type: woven
 * code branches on it and hands it back, never on an {@code Object} that means one of several things.
 * {@code null} means the execution is a link that a running chain invoked: run the body and nothing else.
 * Part of the weaving ABI (see the {@linkplain dev.llmfallback.weaving package}). Immutable; a value is made
 * once per head or per trace frame and reused, so entering allocates nothing.
 */
public abstract class Entry {

    Entry() {
    }

    /**
     * The chain must be run by the engine, which invokes the head itself (a timeout, a deadline, an async head),
     * or is misconfigured and throws: skip the body and answer with {@link WovenChains#run}.
     */
    public static final class Deferred extends Entry {

        final AnnotatedChains.Head head;

        Deferred(AnnotatedChains.Head head) {
            this.head = head;
        }

        /** The head's entry, made on its first deferred call and kept with it. */
        static Deferred attachTo(AnnotatedChains.Head head) {
            Deferred entry = new Deferred(head);
            head.attach(entry);
            return entry;
        }
    }

    /**
     * The chain has started and the body about to run is its head: run it in place, then hand this value to
     * exactly one of {@link WovenChains#answered} or {@link WovenChains#failed}, on this thread.
     */
    public static final class Started extends Entry {

        final TraceStack.Frame frame;

        Started(TraceStack.Frame frame) {
            this.frame = frame;
        }

        /** The frame's entry, made the first time the frame runs an inline head and reused with the frame. */
        static Started attachTo(TraceStack.Frame frame) {
            Started entry = new Started(frame);
            frame.attach(entry);
            return entry;
        }
    }
}
