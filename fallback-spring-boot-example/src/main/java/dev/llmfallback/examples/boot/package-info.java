/**
 * A Spring Boot web application with an {@code @LlmFallback} chain, as a user writes one: {@code POST /summarize}
 * ({@link dev.llmfallback.examples.boot.SummarizeController}) asks {@link dev.llmfallback.examples.boot.Summarizer},
 * whose head calls Anthropic through the official SDK client and falls over to OpenAI, then to a local summary.
 * The SDK clients are beans ({@link dev.llmfallback.examples.boot.ProviderClientsConfiguration}); under the Spring
 * profile {@code fakes}, {@link dev.llmfallback.examples.boot.FakeProvidersConfiguration} points them at local fake
 * servers. The starter ({@code fallback-spring-boot3-starter}) runs the chain through Spring AOP, or stands down
 * when the java agent wove the class.
 */
package dev.llmfallback.examples.boot;
