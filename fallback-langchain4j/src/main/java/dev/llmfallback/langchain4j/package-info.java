/**
 * llm-fallback for langchain4j: {@link dev.llmfallback.langchain4j.FallbackChatModel}, a langchain4j
 * {@code ChatModel} that is a fallback chain of {@code ChatModel}s on llm-fallback's engine, usable wherever a
 * {@code ChatModel} is (for example under {@code AiServices}). langchain4j itself is the application's
 * dependency (this module declares it provided and optional); the rules are those of the {@code dev.llmfallback}
 * package, stated there once.
 */
package dev.llmfallback.langchain4j;
