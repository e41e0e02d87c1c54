package dev.llmfallback.clients;

import java.time.Duration;

/**
 * One real Java LLM client, configured as the docs recommend under a chain (its own retries off, a timeout)
 * and pointed at a fake server.
 */
public interface Client {

    /** The Maven artifact measured, e.g. {@code langchain4j-open-ai}; names the docs' table. */
    String artifact();

    /** The artifact's version, from the build. */
    String version();

    /** The API it speaks. */
    Provider provider();

    /** How it is configured for the measurement, in a few words for the docs (e.g. {@code maxRetries(0)}). */
    String configuration();

    /**
     * Whether its exceptions expose the HTTP response headers (so {@code retry-after} can be read). A fact
     * about the client, stated by its test.
     */
    boolean exposesHeaders();

    /**
     * Whether its exceptions expose the provider's error code or type (OpenAI's {@code insufficient_quota})
     * other than inside a message. A fact about the client, stated by its test.
     */
    boolean exposesErrorCode();

    /**
     * Sends one chat request with {@code prompt} through a new client (closed after) to {@code fake}, with the
     * client's timeout set to {@code timeout}.
     *
     * @return the answer's text
     * @throws Exception whatever the client throws
     */
    String chat(Fake fake, Duration timeout, String prompt) throws Exception;

    /** How many requests reach the fake for {@code failure}: one, as retries are off; none when unreachable. */
    default int expectedRequests(Case failure) {
        return failure.isUnreachable() ? 0 : 1;
    }

    /** The version of an artifact passed by the build as a system property. */
    static String versionOf(String property) {
        return System.getProperty(property, "(version unknown: run through Maven)");
    }
}
