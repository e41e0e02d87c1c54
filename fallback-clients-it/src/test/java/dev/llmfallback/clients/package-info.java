/**
 * The real-client classification harness: what a case sends on the wire ({@link dev.llmfallback.clients.Case}),
 * the fake servers that send it ({@link dev.llmfallback.clients.Provider}, {@link dev.llmfallback.clients.Fake}),
 * what SPEC §6 says of it ({@link dev.llmfallback.clients.Spec}), what the library concluded from the
 * exception a real client threw ({@link dev.llmfallback.clients.Measured}), and the base test that runs every
 * case through one client and keeps its table in docs/PROVIDERS.md
 * ({@link dev.llmfallback.clients.ClientClassificationTest}). Test code; shared with
 * fallback-clients-it-spring-ai-1 through this module's test jar.
 */
package dev.llmfallback.clients;
