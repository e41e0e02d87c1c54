/**
 * The streaming contract (SPEC §13) every annotated front door must pass:
 * {@link dev.llmfallback.tck.stream.StreamingContract}, annotated heads streaming from both official SDKs' real
 * clients against fallback-examples' fake servers, each response counted ({@link dev.llmfallback.tck.stream.StreamCounts}).
 * Test code, not API; the fixtures in {@code dev.llmfallback.tck.stream.fixtures} are compiled by plain javac and
 * woven by each test module its own way.
 */
package dev.llmfallback.tck.stream;
