/**
 * The interception front doors of llm-fallback. Each is a thin adapter: it recognises the execution of a
 * method annotated {@link dev.llmfallback.LlmFallback} and hands it to the one engine of
 * {@code fallback-annotations}.
 *
 * <ul>
 *   <li>{@link dev.llmfallback.weaver.aspectj}: the AspectJ aspect, for compile-time and load-time weaving;</li>
 *   <li>{@code dev.llmfallback.weaver.agent}: the Byte Buddy java agent.</li>
 * </ul>
 */
package dev.llmfallback.weaver;
