package org.springframework.ai.retry;

/**
 * Test double of Spring AI 1.x's {@code NonTransientAiException}: a plain {@code RuntimeException} with the two constructors of
 * the real one and no accessor; Spring AI's response error handler puts the HTTP status only at the head of
 * its message, {@code "%s - %s"} of the status and the body.
 */
public class NonTransientAiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonTransientAiException(String message) {
        super(message);
    }

    public NonTransientAiException(String message, Throwable cause) {
        super(message, cause);
    }
}
