/**
 * Metrics and tracing for a Spring Boot application's chains, shared by both starters: {@code fallback-micrometer}'s
 * meters bound to the application's {@code MeterRegistry}, and {@code fallback-opentelemetry}'s listener over the
 * application's {@code OpenTelemetry}, each only when both the module and the application's bean are there.
 */
package dev.llmfallback.spring.observation;
