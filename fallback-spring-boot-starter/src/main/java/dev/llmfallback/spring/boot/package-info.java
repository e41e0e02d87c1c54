/**
 * The Spring Boot 4 starter's auto-configuration: {@link dev.llmfallback.spring.boot.LlmFallbackAutoConfiguration}
 * imports {@code fallback-spring}'s configuration, so that adding the starter is all a Boot application does for
 * its {@code @LlmFallback} beans to run their chains, with the java agent attached or not. Everything Boot does
 * not need to know lives in {@code dev.llmfallback.spring}.
 */
package dev.llmfallback.spring.boot;
