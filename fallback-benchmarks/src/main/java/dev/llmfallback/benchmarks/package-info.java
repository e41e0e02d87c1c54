/**
 * Benchmarks of llm-fallback against the alternatives (see BENCHMARKS.md at the repository root). Not API.
 *
 * <p>{@link dev.llmfallback.benchmarks.FrontDoors} and {@link dev.llmfallback.benchmarks.Scale} run in plain
 * JVMs; the {@code agent} package's benchmarks in JVMs started with {@code -javaagent} (the launcher,
 * {@link dev.llmfallback.benchmarks.RunBenchmarks}, passes it). The {@code ctw} package is woven by ajc at
 * build time, the {@code agent} package is left as javac compiled it.
 */
package dev.llmfallback.benchmarks;
