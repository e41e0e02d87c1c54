/**
 * The offline example: simulated provider failures, no network, compiled by ajc with fallback-weaver as an
 * aspect library, so every {@code @LlmFallback} method here is woven at build time and needs no agent.
 * Run it with {@code mvn -q -B -pl fallback-examples -am -DskipTests -Pexample verify}.
 */
package dev.llmfallback.examples.offline;
