package dev.llmfallback.tck;

import dev.llmfallback.tck.stream.StreamingContract;

/**
 * The streaming contract against the fixtures as ajc wove them at build time, with fallback-weaver as an aspect
 * library; the unwoven fallback-tck jar is kept off the test class path.
 */
class StreamingCompileTimeWeavingBehaviourTest extends StreamingContract {
}
