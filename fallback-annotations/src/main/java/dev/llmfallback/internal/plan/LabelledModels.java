package dev.llmfallback.internal.plan;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.LlmProvider;
import dev.llmfallback.NoCooldown;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.SkipPredicate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the integrations' fallback models (fallback-langchain4j's and fallback-spring-ai's
 * {@code FallbackChatModel.Builder}) collect before they build their chain: labelled models in the order they
 * are tried, each with an optional predicate and timeout, the chain's predicate, deadline and health. It checks
 * every argument as it arrives and says, naming the builder's method, what was wrong and how to fix it. Not API,
 * may change. Not thread-safe (a builder's state).
 *
 * @param <M> the framework's model type
 */
public final class LabelledModels<M> {

    /** One model and its own settings. */
    private static final class Entry<M> {
        final M model;
        final SkipPredicate skipOn;
        final Duration timeout;

        Entry(M model, SkipPredicate skipOn, Duration timeout) {
            this.model = model;
            this.skipOn = skipOn;
            this.timeout = timeout;
        }
    }

    private final String owner;
    private final String modelExample;
    private final Map<String, Entry<M>> models = new LinkedHashMap<>();
    private final Map<String, HealthPolicy> ownHealth = new LinkedHashMap<>();
    private SkipPredicate skipOn = RetryableOnly.INSTANCE;
    private HealthPolicy health = NoCooldown.INSTANCE;
    private Duration deadline;

    /**
     * Starts an empty collection.
     *
     * @param owner        the builder's name in messages, e.g. {@code FallbackChatModel.Builder}
     * @param modelExample how a model is made, for the message about a null one, e.g.
     *                     {@code OpenAiChatModel.builder()...build()}
     */
    public LabelledModels(String owner, String modelExample) {
        this.owner = owner;
        this.modelExample = modelExample;
    }

    /**
     * Checks the timeout of {@code model(label, model, timeout)}, whose {@code null} means a mistake, not "none".
     *
     * @param label   the model's label, for the message
     * @param timeout the timeout given
     */
    public void requireTimeout(String label, Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException(owner + ".model(\"" + label + "\", model, timeout): timeout is null; "
                    + "use model(label, model) for a model without a timeout");
        }
    }

    /**
     * Adds a model.
     *
     * @param label   unique, not blank
     * @param model   not null
     * @param skipOn  its own predicate, or {@code null} for the chain's
     * @param timeout positive, or {@code null} for none
     */
    public void add(String label, M model, SkipPredicate skipOn, Duration timeout) {
        String call = owner + ".model(" + (label == null ? "null" : "\"" + label + "\"") + ", ...)";
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException(call + ": the label is " + (label == null ? "null" : "blank")
                    + "; give every model a label, e.g. \"anthropic\", for traces and provider health");
        }
        if (model == null) {
            throw new NullPointerException(call + ": the model is null; pass the ChatModel to try, e.g. "
                    + modelExample);
        }
        if (models.containsKey(label)) {
            throw new IllegalArgumentException(call + ": the label \"" + label + "\" is already used by model #"
                    + new ArrayList<>(models.keySet()).indexOf(label) + "; give every model its own label "
                    + "(traces and provider health are keyed by it)");
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException(call + ": the timeout must be positive, was " + timeout
                    + "; pass null for no timeout");
        }
        models.put(label, new Entry<>(model, skipOn, timeout));
    }

    /**
     * Sets the predicate of models added without one.
     *
     * @param predicate not null
     */
    public void skipOn(SkipPredicate predicate) {
        if (predicate == null) {
            throw new NullPointerException(owner + ".skipOn(null): pass a SkipPredicate, e.g. RetryableOnly.INSTANCE "
                    + "(the default)");
        }
        this.skipOn = predicate;
    }

    /**
     * Bounds the whole call.
     *
     * @param budget positive
     */
    public void deadline(Duration budget) {
        if (budget == null || budget.isZero() || budget.isNegative()) {
            throw new IllegalArgumentException(owner + ".deadline(" + budget + "): the deadline must be a positive "
                    + "duration, e.g. Duration.ofSeconds(30)");
        }
        this.deadline = budget;
    }

    /**
     * Sets the health policy of models without one of their own.
     *
     * @param policy not null
     */
    public void health(HealthPolicy policy) {
        if (policy == null) {
            throw new NullPointerException(owner + ".health(null): pass a HealthPolicy, e.g. OutageCooldown.INSTANCE, "
                    + "or NoCooldown.INSTANCE (the default)");
        }
        this.health = policy;
    }

    /**
     * Sets one model's health policy; the label is checked when the chain is built.
     *
     * @param label  a model's label
     * @param policy its policy
     */
    public void health(String label, HealthPolicy policy) {
        if (label == null || policy == null) {
            throw new NullPointerException(owner + ".health(" + label + ", " + policy + "): pass a model's label and "
                    + "a HealthPolicy, e.g. health(\"anthropic\", OutageCooldown.INSTANCE)");
        }
        ownHealth.put(label, policy);
    }

    /**
     * The models, in the order they are tried.
     *
     * @return a copy
     */
    public List<M> models() {
        List<M> all = new ArrayList<>(models.size());
        models.values().forEach(entry -> all.add(entry.model));
        return all;
    }

    /**
     * Builds the chain.
     *
     * @param call  how a model is called: the provider for each model
     * @param <I>   the chain's input
     * @param <O>   the chain's output
     * @return the chain
     * @throws IllegalArgumentException if no model was added, or {@code health(label, ...)} names none
     */
    public <I, O> FallbackChain<I, O> build(Function<M, LlmProvider<I, O>> call) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException(owner + ".build(): no model to try; add at least one with "
                    + "model(label, chatModel) before build()");
        }
        for (String label : ownHealth.keySet()) {
            if (!models.containsKey(label)) {
                throw new IllegalArgumentException(owner + ".health(\"" + label + "\", ...): no model has that label; "
                        + "the labels are " + models.keySet());
            }
        }
        FallbackChain.Builder<I, O> chain = FallbackChain.<I, O>builder().skipOn(skipOn).health(health);
        models.forEach((label, entry) -> chain.provider(label, call.apply(entry.model), entry.skipOn, entry.timeout));
        ownHealth.forEach(chain::health);
        if (deadline != null) {
            chain.deadline(deadline);
        }
        return chain.build();
    }
}
