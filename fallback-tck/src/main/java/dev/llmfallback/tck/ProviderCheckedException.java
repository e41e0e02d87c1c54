package dev.llmfallback.tck;

/** A checked exception nobody classifies: the default predicate stops on it. */
public class ProviderCheckedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProviderCheckedException(String message) {
        super(message);
    }
}
