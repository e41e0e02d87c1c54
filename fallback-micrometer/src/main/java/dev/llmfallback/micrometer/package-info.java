/**
 * Micrometer metrics for llm-fallback (SPEC §11). {@link dev.llmfallback.micrometer.LlmFallbackMetrics} binds them
 * to a {@link io.micrometer.core.instrument.MeterRegistry} for every chain of the process;
 * {@link dev.llmfallback.micrometer.MicrometerFallbackListener} is the listener itself, for one
 * {@link dev.llmfallback.FallbackChain} ({@code Builder.listener}). The meters:
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code llm_fallback.calls}</td><td>timer</td><td>{@code chain}, {@code outcome} ({@code success},
 *       {@code stopped}, {@code all_failed}, {@code all_unhealthy}), {@code served_by} (provider, or
 *       {@code none}), {@code fallback} ({@code true} when a link after the head answered)</td></tr>
 *   <tr><td>{@code llm_fallback.attempts}</td><td>timer</td><td>{@code chain}, {@code provider}, {@code outcome}
 *       ({@link dev.llmfallback.Attempt.Outcome} in lower case), {@code error} (HTTP status, else the failure's
 *       simple class name, else {@code none})</td></tr>
 *   <tr><td>{@code llm_fallback.provider.state}</td><td>gauge</td><td>{@code provider}; value: 0 healthy,
 *       1 cooling, 2 probing, 3 forced open</td></tr>
 *   <tr><td>{@code llm_fallback.provider.transitions}</td><td>counter</td><td>{@code provider}, {@code from},
 *       {@code to} (statuses in lower case)</td></tr>
 * </table>
 * Every tag value is bounded: labels the application chose, enum constants, status codes and class names; never
 * a message, never an argument.
 */
package dev.llmfallback.micrometer;
