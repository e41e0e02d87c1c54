/**
 * llm-fallback for Spring AI: {@link dev.llmfallback.springai.FallbackChatModel}, a Spring AI {@code ChatModel}
 * that is a fallback chain of {@code ChatModel}s on llm-fallback's engine, usable wherever a {@code ChatModel}
 * is (for example under {@code ChatClient}), on Spring AI 1.1 (Spring Boot 3.5) and 2.0 (Spring Boot 4).
 * Spring AI itself is the application's dependency (this module declares it provided and optional); the rules
 * are those of the {@code dev.llmfallback} package, stated there once.
 */
package dev.llmfallback.springai;
