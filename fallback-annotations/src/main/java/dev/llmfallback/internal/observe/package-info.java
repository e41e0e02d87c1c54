/**
 * Not API, may change without notice: how {@link dev.llmfallback.FallbackListener}s are found, registered and
 * called (SPEC §11). {@link dev.llmfallback.internal.observe.Listeners} holds the process-wide listeners;
 * {@link dev.llmfallback.internal.observe.Observation} is one chain run as its listeners see it, made only when
 * there is a listener, so that a run without any allocates nothing for them. A listener's exception never
 * reaches a call.
 */
package dev.llmfallback.internal.observe;
