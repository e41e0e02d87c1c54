package com.anthropic.errors;

/**
 * Test double with the fully qualified name of anthropic-java's I/O exception (which, in the real SDK,
 * wraps OkHttp's {@code InterruptedIOException("timeout")} or a connection failure), so that matching by
 * class name is exercised without the SDK on the class path.
 */
public class AnthropicIoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AnthropicIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
