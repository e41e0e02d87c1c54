/**
 * Runnable examples of llm-fallback. Compiled by ajc with fallback-weaver as an aspect library, so every
 * {@code @LlmFallback} method here is woven at build time: no agent needed to run them.
 */
package dev.llmfallback.examples;
