/**
 * The Spring Boot 3.5 starter's auto-configuration: {@link dev.llmfallback.spring.boot3.LlmFallbackAutoConfiguration}
 * imports {@code fallback-spring}'s configuration, exactly as the Boot 4 starter's does, so that adding the starter
 * is all a Boot 3.5 application does for its {@code @LlmFallback} beans to run their chains, with the java agent
 * attached or not. The two starters differ only where Boot 3 and 4 do.
 */
package dev.llmfallback.spring.boot3;
