/**
 * Not API, may change without notice: the resolution of {@code @LlmFallback} methods into immutable,
 * validated chains, once per head, with the §8 messages that explain a misconfiguration.
 */
package dev.llmfallback.internal.plan;
