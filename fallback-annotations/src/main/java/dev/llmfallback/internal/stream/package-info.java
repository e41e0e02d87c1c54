/**
 * Not API, may change without notice: streaming chains (SPEC §13). The pre-commit phase of a streaming chain
 * is an ordinary sync run of the engine ({@link dev.llmfallback.internal.run.Engine}), whose links open their
 * provider's stream and read it up to the commit point, so that budgets, health, judging and recording are
 * the rule core's and nothing else's; this package adds only what streams need on top: where the commit
 * point is, closing every abandoned stream, and the stream handed to the caller after the commit.
 */
package dev.llmfallback.internal.stream;
