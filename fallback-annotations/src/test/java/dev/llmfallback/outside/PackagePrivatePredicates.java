package dev.llmfallback.outside;

import dev.llmfallback.SkipPredicate;

/**
 * Predicates that the library reaches from another package although they are not public (as a user's
 * nested helper classes often are), for {@code PlanResolutionTest}.
 */
public final class PackagePrivatePredicates {

    private PackagePrivatePredicates() {
    }

    /** Package-private, its constructor private: only its INSTANCE can serve. */
    static final class HiddenConcrete implements SkipPredicate {
        public static final HiddenConcrete INSTANCE = new HiddenConcrete();

        private HiddenConcrete() {
        }

        @Override
        public boolean shouldSkip(Throwable failure) {
            return true;
        }
    }

    /** Package-private and abstract: only its INSTANCE can serve. */
    abstract static class Hidden implements SkipPredicate {
        public static final Hidden INSTANCE = new Hidden() {
            @Override
            public boolean shouldSkip(Throwable failure) {
                return true;
            }
        };
    }
}
