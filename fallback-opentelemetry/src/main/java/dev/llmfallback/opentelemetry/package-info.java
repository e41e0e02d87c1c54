/**
 * OpenTelemetry traces for llm-fallback (SPEC §11): {@link dev.llmfallback.opentelemetry.OpenTelemetryFallbackListener}
 * makes one {@code INTERNAL} span per chain run, {@code llm_fallback <chain>}, and under it one per attempt,
 * {@code llm_fallback.attempt <provider>}, current while the provider runs (on the caller's thread, a timed
 * attempt's worker, or where an async provider starts its stage), so that the spans an instrumented HTTP client
 * makes nest under the attempt that made them. Links not called (skipped as unhealthy, or not tried before the
 * deadline) are events on the chain's span. Attributes are under {@code llm_fallback.*}, plus {@code error.type}
 * and {@code http.response.status_code}; never a failure's message, never an argument.
 */
package dev.llmfallback.opentelemetry;
