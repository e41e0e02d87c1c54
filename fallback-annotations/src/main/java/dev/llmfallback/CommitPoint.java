package dev.llmfallback;

import dev.llmfallback.internal.stream.CommitPoints;

/**
 * Decides, element by element, where a streaming provider's answer becomes the chain's answer (SPEC §13): the
 * first element for which {@link #commits} is {@code true} commits the chain to that provider. Before it,
 * the chain may still fall over to the next provider, and the elements seen so far (the preamble) are held
 * back; from it on, the elements are the caller's, and a failure is never replaced by another provider's
 * answer (see {@link StreamInterruptedException}).
 *
 * <p>Built-ins: {@link #modelOutput()} (the default) and {@link #firstElement()}. Implementations must be
 * thread-safe and quick, and must not keep the elements: they see the model's output.
 */
@FunctionalInterface
public interface CommitPoint {

    /**
     * Whether {@code element} carries model output and so commits the chain to its provider.
     *
     * @param element an element of the provider's stream, possibly {@code null}
     * @return {@code true} to commit at this element
     */
    boolean commits(Object element);

    /**
     * Commits at the first element carrying model output. Knows the official SDKs' stream events by class
     * name, with no dependency on them: anthropic-java's {@code RawMessageStreamEvent} (and the beta
     * {@code BetaRawMessageStreamEvent}) commits on a content-block delta (text, tool input, thinking), not
     * on {@code message_start}, {@code content_block_start}, {@code content_block_stop} or
     * {@code message_delta}; openai-java's {@code ChatCompletionChunk} commits when a choice's delta carries
     * content, a refusal, a function call or tool calls, not for a role-only or usage-only chunk; openai-java's
     * Responses API {@code ResponseStreamEvent} commits on a delta of output (text, refusal, function call
     * arguments, tool input, reasoning, audio), not on {@code response.created}, {@code response.in_progress}
     * or an item or content part being added. An {@code error} event or {@code response.failed} before the
     * commit (which openai-java hands over as events, not exceptions) fails the attempt, judged by the
     * provider's predicate by its error code ({@code server_error} as a 500, {@code rate_limit_exceeded} as a
     * 429). Any other element commits at once, as {@link #firstElement()} does. The default of every streaming
     * provider.
     *
     * @return the shared instance
     */
    static CommitPoint modelOutput() {
        return CommitPoints.MODEL_OUTPUT;
    }

    /**
     * Commits at the first element, whatever it holds: for streams with no preamble, e.g. of plain text.
     *
     * @return the shared instance
     */
    static CommitPoint firstElement() {
        return CommitPoints.FIRST_ELEMENT;
    }
}
