package dev.llmfallback.spring.actuate;

import java.util.List;

/**
 * One chain as the {@code llmfallback} endpoint shows it: the settings in force (annotations, then the
 * {@code llm-fallback.*} overrides). Immutable; no argument or prompt is ever part of it.
 *
 * @param name     the chain's name, the head's {@code Class.method} label (as metrics and listeners name it, and as
 *                 {@code llm-fallback.chains.[name]} keys it)
 * @param head     the head method: declaring class's full name, {@code #}, method name and parameter types
 * @param async    whether the head returns a {@code CompletionStage}
 * @param deadline the whole chain's budget as an ISO-8601 duration, {@code null} for none
 * @param links    the links in order, the head first
 */
public record ChainDescription(String name, String head, boolean async, String deadline, List<Link> links) {

    /**
     * Copies the links.
     *
     * @param name     the chain's name
     * @param head     the head method
     * @param async    whether the head is async
     * @param deadline the deadline, or {@code null}
     * @param links    the links
     */
    public ChainDescription {
        links = List.copyOf(links);
    }

    /**
     * One link.
     *
     * @param provider the provider label (what health and {@code llm-fallback.providers.[label]} are keyed by)
     * @param method   the link's {@code Class.method} label
     * @param timeout  the attempt timeout as an ISO-8601 duration, {@code null} for none
     * @param skipOn   the simple name of the predicate class that judges its failures
     * @param health   the simple name of its health policy class ({@code NoCooldown}: never cools)
     */
    public record Link(String provider, String method, String timeout, String skipOn, String health) {
    }
}
