package dev.llmfallback.agentit.demo;

import dev.llmfallback.HasStatusCode;

/** What a provider SDK throws when the provider answers 529 {@code overloaded_error}. */
public final class Overloaded extends RuntimeException implements HasStatusCode {

    private static final long serialVersionUID = 1L;

    /** A 529 from the named provider. */
    Overloaded(String provider) {
        super(provider + " answered 529 overloaded_error");
    }

    @Override
    public int statusCode() {
        return 529;
    }
}
