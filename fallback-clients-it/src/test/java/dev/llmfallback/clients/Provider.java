package dev.llmfallback.clients;

import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;

/**
 * The API a client speaks, and the fake server that speaks it for each {@link Case}: fallback-examples'
 * {@code FakeProvider} for OpenAI Chat Completions and Anthropic Messages, {@link FakeApi} for Bedrock's
 * Converse and Gemini, and for OpenAI's quota error.
 */
public enum Provider {

    OPENAI(429, "429 `insufficient_quota`") {
        @Override
        public Fake answering() {
            return Fake.of(FakeProvider.openAi());
        }

        @Override
        Fake serving(Case failure) {
            return failure == Case.QUOTA ? FakeApi.failing(OpenAiQuotaWire.INSTANCE, failure)
                    : Fake.of(FakeProvider.openAi(behaviour(failure)));
        }
    },

    ANTHROPIC(402, "402 `billing_error`") {
        @Override
        public Fake answering() {
            return Fake.of(FakeProvider.anthropic());
        }

        @Override
        Fake serving(Case failure) {
            return Fake.of(FakeProvider.anthropic(behaviour(failure)));
        }
    },

    BEDROCK(400, "400 `ServiceQuotaExceededException`") {
        @Override
        public Fake answering() {
            return FakeApi.answering(BedrockWire.INSTANCE);
        }

        @Override
        Fake serving(Case failure) {
            return FakeApi.failing(BedrockWire.INSTANCE, failure);
        }
    },

    GOOGLE(429, "429 `RESOURCE_EXHAUSTED` (quota)") {
        @Override
        public Fake answering() {
            return FakeApi.answering(GeminiWire.INSTANCE);
        }

        @Override
        Fake serving(Case failure) {
            return FakeApi.failing(GeminiWire.INSTANCE, failure);
        }
    };

    private final int quotaStatus;
    private final String quotaLabel;

    Provider(int quotaStatus, String quotaLabel) {
        this.quotaStatus = quotaStatus;
        this.quotaLabel = quotaLabel;
    }

    /** Starts a fake that answers every request. */
    public abstract Fake answering();

    /** Starts a fake that fails every request with {@code failure}. */
    public Fake failing(Case failure) {
        return failure == Case.UNRESOLVED ? Fake.unresolvable() : serving(failure);
    }

    /** Starts a fake server that fails every request with {@code failure}. */
    abstract Fake serving(Case failure);

    /** The HTTP status of this provider's quota or billing error. */
    int quotaStatus() {
        return quotaStatus;
    }

    String quotaLabel() {
        return quotaLabel;
    }

    // FakeProvider's behaviours send the provider's own error body and headers for a status (a gateway's HTML
    // page for 502; Anthropic's billing_error for 402).
    Behaviour behaviour(Case failure) {
        switch (failure) {
            case RATE_LIMITED_429:
                return Behaviour.rateLimited(Case.RETRY_AFTER);
            case HANG:
                return Behaviour.hang();
            case REFUSED:
                return Behaviour.refuse();
            default:
                return Behaviour.status(failure.status(this));
        }
    }
}
