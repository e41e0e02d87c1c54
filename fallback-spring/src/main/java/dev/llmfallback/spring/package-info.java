/**
 * llm-fallback for Spring: {@code @LlmFallback} beans work with no java agent. {@link
 * dev.llmfallback.spring.EnableLlmFallback} (or the Spring Boot starter, which imports the same configuration)
 * adds {@link dev.llmfallback.spring.LlmFallbackAdvisor}, a Spring AOP front door that hands each call of a
 * chain head to the engine the agent and the AspectJ aspect use, and resolves every chain of every bean class
 * when the context starts, so that a misconfigured chain fails the start-up rather than every call. A class the
 * agent or the aspect already wove is left to them: a call is never intercepted twice. The chain rules are those
 * of the {@code dev.llmfallback} package, stated there once. Spring itself is the application's dependency.
 *
 * <p>The context also puts the application's settings in force: {@code ${...}} placeholders in {@code timeout} and
 * {@code deadline}, and the {@link dev.llmfallback.spring.LlmFallbackProperties} overrides; and, with Micrometer's
 * context-propagation on the class path, carries thread-local context onto timed attempts
 * ({@link dev.llmfallback.spring.ContextSnapshotPropagator}). The parts both Spring Boot starters share live in
 * {@code dev.llmfallback.spring.actuate} (the actuator endpoint) and {@code dev.llmfallback.spring.observation}
 * (metrics and tracing wiring).
 */
package dev.llmfallback.spring;
