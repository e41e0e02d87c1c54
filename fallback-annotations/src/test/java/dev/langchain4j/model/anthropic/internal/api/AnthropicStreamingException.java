package dev.langchain4j.model.anthropic.internal.api;

import dev.langchain4j.exception.LangChain4jException;

/**
 * Test double of langchain4j-anthropic 1.19's {@code AnthropicStreamingException}: the streaming client's
 * {@code event: error}, with the error's {@code String type()} (e.g. {@code overloaded_error}) and no status.
 */
public class AnthropicStreamingException extends LangChain4jException {

    private static final long serialVersionUID = 1L;

    private final String type;

    public AnthropicStreamingException(String message, String type) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
