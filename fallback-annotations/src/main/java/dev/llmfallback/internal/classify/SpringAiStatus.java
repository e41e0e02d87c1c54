package dev.llmfallback.internal.classify;

import java.util.Set;

/**
 * Reads the HTTP status of Spring AI 1.x's {@code org.springframework.ai.retry.TransientAiException} and
 * {@code NonTransientAiException} (and their subclasses) from the one place they keep it: the leading
 * {@code NNN - } or {@code HTTP NNN - } of their message. Spring AI's default response error handler
 * throws them for every 4xx and 5xx answer with {@code "%s - %s"} of the status and the response body, and
 * no status accessor, headers or cause.
 *
 * <p>This is the only place where a message is ever read, and only for these two classes (matched by the
 * names of the class and its superclasses, decided once per class): any other exception's message, however
 * it reads, is never parsed. Only the three digits are taken; nothing of the message is kept or copied into
 * any output, since the body after the status can quote the prompt. Spring AI's Anthropic streaming path
 * throws a plain {@code RuntimeException("Response exception, Status: [...]")}: that is not one of the two
 * classes, so it is not read. Never throws; reading allocates nothing. Not API. Stateless and thread-safe.
 */
public final class SpringAiStatus {

    private static final Set<String> CLASS_NAMES = Set.of(
            "org.springframework.ai.retry.TransientAiException",
            "org.springframework.ai.retry.NonTransientAiException");

    private static final String HTTP_PREFIX = "HTTP ";

    private static final String SEPARATOR = " - ";

    private static final ClassValue<Boolean> SPRING_AI = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (CLASS_NAMES.contains(c.getName())) {
                    return true;
                }
            }
            return false;
        }
    };

    private SpringAiStatus() {
    }

    /**
     * Tells whether {@code type} is Spring AI's {@code TransientAiException} or {@code NonTransientAiException}
     * or a subclass of one of them. Decided once per class.
     *
     * @param type an exception class
     * @return {@code true} if {@link #statusOf(Throwable)} reads the message of its instances
     */
    public static boolean isSpringAiException(Class<?> type) {
        return SPRING_AI.get(type);
    }

    /**
     * The status at the head of {@code link}'s message, {@code 429 - ...} or {@code HTTP 429 - ...}, if
     * {@code link} is one of the two Spring AI exceptions.
     *
     * @param link an exception, may be {@code null}
     * @return the three-digit number at the head of the message, or {@link StatusCodeReader#NO_STATUS} if
     *     {@code link} is not one of the two classes or its message does not start that way
     */
    public static int statusOf(Throwable link) {
        if (link == null || !SPRING_AI.get(link.getClass())) {
            return StatusCodeReader.NO_STATUS;
        }
        String message;
        try {
            message = link.getMessage();
        } catch (Throwable thrown) {
            // a subclass's getMessage() is its own code: whatever it throws is no status
            return StatusCodeReader.NO_STATUS;
        }
        return message == null ? StatusCodeReader.NO_STATUS : leadingStatus(message);
    }

    /**
     * Parses {@code NNN - } or {@code HTTP NNN - } at the head of {@code message}: exactly three digits,
     * then a space, a hyphen and a space.
     *
     * @param message a message
     * @return the three-digit number, or {@link StatusCodeReader#NO_STATUS}
     */
    static int leadingStatus(String message) {
        int start = message.startsWith(HTTP_PREFIX) ? HTTP_PREFIX.length() : 0;
        int end = start + 3;
        if (message.length() < end + SEPARATOR.length() || !message.startsWith(SEPARATOR, end)) {
            return StatusCodeReader.NO_STATUS;
        }
        int status = 0;
        for (int i = start; i < end; i++) {
            char c = message.charAt(i);
            if (c < '0' || c > '9') {
                return StatusCodeReader.NO_STATUS;
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }
}
