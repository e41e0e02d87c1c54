/**
 * Streaming (SPEC §13): time to first token through a streaming chain against a direct read, in memory
 * ({@link dev.llmfallback.benchmarks.streaming.InMemoryTtft}: the engine's own cost) and through the real SDKs
 * over loopback ({@link dev.llmfallback.benchmarks.streaming.LoopbackTtft}), both JMH; and during a provider's
 * failure before its first token ({@link dev.llmfallback.benchmarks.streaming.StreamingOutage}), against the
 * secondary's own time to first token. {@link dev.llmfallback.benchmarks.streaming.RunStreamingBenchmarks}
 * runs them and writes the tables. Not API.
 */
package dev.llmfallback.benchmarks.streaming;
