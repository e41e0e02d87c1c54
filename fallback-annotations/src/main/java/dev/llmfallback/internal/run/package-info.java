/**
 * Not API, may change without notice: running chains. {@link dev.llmfallback.internal.run.Rules} holds the
 * chain's semantics, once; {@link dev.llmfallback.internal.run.Engine} (sync) and
 * {@link dev.llmfallback.internal.run.AsyncRun} (async) drive it; a chain is a list of
 * {@link dev.llmfallback.internal.run.Link} values run with the time and threads of a
 * {@link dev.llmfallback.internal.run.Scheduler}; per-thread state lives in
 * {@link dev.llmfallback.internal.run.ThreadState}. Imports neither AspectJ nor Byte Buddy.
 */
package dev.llmfallback.internal.run;
