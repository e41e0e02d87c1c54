package dev.llmfallback.examples.sdk;

import dev.llmfallback.examples.fake.FakeProvider;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where one provider is reached: base URL, API key, model, and whether it is a local fake. Immutable; its
 * {@code toString} never shows the key.
 */
public final class Endpoint {

    /** The Anthropic model used when {@code ANTHROPIC_MODEL} is not set: small, fast, good at summaries. */
    public static final String DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5";

    /** The OpenAI model used when {@code OPENAI_MODEL} is not set. */
    public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

    private final String provider;
    private final String baseUrl;
    private final String apiKey;
    private final String model;
    private final boolean fake;

    private Endpoint(String provider, String baseUrl, String apiKey, String model, boolean fake) {
        this.provider = provider;
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.model = Objects.requireNonNull(model, "model");
        this.fake = fake;
    }

    /**
     * Anthropic from the environment: with {@code ANTHROPIC_API_KEY} set, the real API (or
     * {@code ANTHROPIC_BASE_URL}) and {@code ANTHROPIC_MODEL}; without it, the fake that {@code fake} starts.
     *
     * @param env  the environment, e.g. {@link System#getenv()}
     * @param fake starts the local fake, called only when no key is set
     * @return the endpoint
     */
    public static Endpoint anthropic(Map<String, String> env, Supplier<FakeProvider> fake) {
        return resolve("anthropic", env, "ANTHROPIC", "https://api.anthropic.com", DEFAULT_ANTHROPIC_MODEL, fake);
    }

    /**
     * OpenAI from the environment: with {@code OPENAI_API_KEY} set, the real API (or {@code OPENAI_BASE_URL})
     * and {@code OPENAI_MODEL}; without it, the fake that {@code fake} starts.
     *
     * @param env  the environment, e.g. {@link System#getenv()}
     * @param fake starts the local fake, called only when no key is set
     * @return the endpoint
     */
    public static Endpoint openAi(Map<String, String> env, Supplier<FakeProvider> fake) {
        return resolve("openai", env, "OPENAI", "https://api.openai.com/v1", DEFAULT_OPENAI_MODEL, fake);
    }

    /**
     * A local fake, with a placeholder key.
     *
     * @param fake  the running fake
     * @param model the model to ask for
     * @return the endpoint
     */
    public static Endpoint of(FakeProvider fake, String model) {
        return new Endpoint(fake.name(), fake.baseUrl(), "sk-fake-" + fake.name(), model, true);
    }

    private static Endpoint resolve(String provider, Map<String, String> env, String prefix, String defaultBaseUrl,
                                    String defaultModel, Supplier<FakeProvider> fake) {
        String key = env.get(prefix + "_API_KEY");
        String model = env.getOrDefault(prefix + "_MODEL", defaultModel);
        if (key == null || key.isBlank()) {
            return of(fake.get(), model);
        }
        return new Endpoint(provider, env.getOrDefault(prefix + "_BASE_URL", defaultBaseUrl), key.strip(), model, false);
    }

    /**
     * The provider's name.
     *
     * @return {@code anthropic} or {@code openai}
     */
    public String provider() {
        return provider;
    }

    /**
     * The base URL for the SDK.
     *
     * @return the base URL
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The API key.
     *
     * @return the key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * The model to ask for.
     *
     * @return the model
     */
    public String model() {
        return model;
    }

    /**
     * Whether this is a local fake rather than the real API.
     *
     * @return {@code true} for a fake
     */
    public boolean fake() {
        return fake;
    }

    @Override
    public String toString() {
        return provider + " " + model + " at " + baseUrl + (fake ? " (local fake)" : "");
    }
}
