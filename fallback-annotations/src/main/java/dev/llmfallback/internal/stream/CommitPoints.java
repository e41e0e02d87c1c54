package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;

/**
 * The built-in {@link CommitPoint}s. Not API. Stateless and thread-safe.
 */
public final class CommitPoints {

    /** Commits at the first element. */
    public static final CommitPoint FIRST_ELEMENT = new CommitPoint() {
        @Override
        public boolean commits(Object element) {
            return true;
        }

        @Override
        public String toString() {
            return "CommitPoint.firstElement()";
        }
    };

    /** Commits at the first element carrying model output, knowing the SDKs' events (see {@link SdkEvents}). */
    public static final CommitPoint MODEL_OUTPUT = new CommitPoint() {
        @Override
        public boolean commits(Object element) {
            return element == null || SdkEvents.carriesOutput(element);
        }

        @Override
        public String toString() {
            return "CommitPoint.modelOutput()";
        }
    };

    private CommitPoints() {
    }
}
