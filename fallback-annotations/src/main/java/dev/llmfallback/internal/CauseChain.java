package dev.llmfallback.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The links of a failure's cause chain: the failure itself, its cause, the cause's cause, and so on.
 *
 * <p>At most {@value #MAX_LINKS} links, and each link at most once (by identity), so that a cycle or an
 * endless {@code getCause()} still ends. A {@code getCause()} that throws ends the chain there. Not API.
 * Stateless and thread-safe.
 */
public final class CauseChain {

    /** The most links ever returned; real chains are a handful deep. */
    public static final int MAX_LINKS = 32;

    private CauseChain() {
    }

    /**
     * The links of {@code failure}'s cause chain, outermost first.
     *
     * @param failure a failure, may be {@code null}
     * @return the links, empty for {@code null}; never more than {@value #MAX_LINKS}
     */
    public static List<Throwable> of(Throwable failure) {
        if (failure == null) {
            return Collections.emptyList();
        }
        List<Throwable> links = new ArrayList<>(4);
        Throwable link = failure;
        while (link != null && links.size() < MAX_LINKS && !containsSame(links, link)) {
            links.add(link);
            link = causeOf(link);
        }
        return links;
    }

    // Identity, not equals(): an exception class may override equals, and a cycle is about the same object.
    private static boolean containsSame(List<Throwable> links, Throwable candidate) {
        for (Throwable link : links) {
            if (link == candidate) {
                return true;
            }
        }
        return false;
    }

    // getCause() can be overridden by any library; classifying a failure must not fail because of it.
    private static Throwable causeOf(Throwable link) {
        try {
            return link.getCause();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
