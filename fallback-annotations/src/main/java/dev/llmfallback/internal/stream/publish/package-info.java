/**
 * Not API, may change without notice: streaming chains whose providers and answers are publishers
 * ({@link java.util.concurrent.Flow.Publisher}, Reactive Streams {@code Publisher}, Reactor {@code Flux} and
 * {@code Mono}, the last three recognised by name; SPEC §13). Up to the commit point a run is the one of
 * {@link dev.llmfallback.internal.stream}: the engine's async runner tries the links on its workers, each
 * reading its provider's publisher through a pulling adapter ({@link dev.llmfallback.internal.stream.publish.Pull}),
 * one element per request, so that the rule core judges, budgets, records and reports every failure before the
 * commit. From the commit on no thread is held: the subscriber's demand is passed to the committed publisher
 * and its signals to the subscriber. {@link dev.llmfallback.internal.stream.publish.PublishingRuns} is the one
 * entry for front doors.
 */
package dev.llmfallback.internal.stream.publish;
