package dev.llmfallback.internal.stream;

import java.util.Optional;

/**
 * A provider's stream carried an error event as an element: the OpenAI Responses API's {@code error} event or
 * {@code response.failed}, which openai-java hands over as events rather than throwing. Before the commit,
 * thrown by {@link dev.llmfallback.CommitPoint#modelOutput()} so that the attempt fails and its link's
 * {@code skipOn} judges it like any failure; after it, the cause of the
 * {@link dev.llmfallback.StreamInterruptedException} that ends the stream. The error code is readable by {@code code()} (as the
 * classifiers read the SDKs' own exceptions), so {@code server_error} counts as a 500 and
 * {@code rate_limit_exceeded} as a 429. The message names the event and its code only, never the event's
 * free text, which may quote the input. Not API: test for it through {@link dev.llmfallback.Failures}.
 * Immutable.
 */
public final class ErrorEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Creates the exception.
     *
     * @param stream what sent it, e.g. {@code OpenAI Responses stream}
     * @param event  the event's type, e.g. {@code response.failed}
     * @param code   the error code the event carried, or {@code null}
     */
    public ErrorEventException(String stream, String event, String code) {
        super(stream + " sent " + event + (code != null ? " (" + code + ")" : ""));
        this.code = code;
    }

    /**
     * The error code the event carried, such as {@code server_error} or {@code rate_limit_exceeded}.
     *
     * @return the code, if the event had one
     */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
