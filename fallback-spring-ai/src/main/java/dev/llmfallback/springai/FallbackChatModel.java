package dev.llmfallback.springai;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.NoCooldown;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.SkipPredicate;
import dev.llmfallback.springai.internal.PromptPerModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import reactor.core.publisher.Flux;

/**
 * A Spring AI {@link ChatModel} that is a fallback chain of other {@code ChatModel}s: each prompt goes to the
 * first model; when it fails for a reason worth moving on from (a 529, a 429, a 5xx, a network failure, its
 * timeout), the next model gets the same prompt; when it fails for the caller's own fault (a 400, a prompt
 * too long) that failure is thrown at once, unchanged. The chain is llm-fallback's engine, run through
 * {@link FallbackChain}, so the rules are the library's (see the {@code dev.llmfallback} package
 * documentation): per-model predicates and timeouts, a deadline for the whole call, provider health.
 *
 * <pre>{@code
 * ChatModel model = FallbackChatModel.builder()
 *         .model("anthropic", anthropicChatModel, Duration.ofSeconds(20))   // built with retry off
 *         .model("openai", openAiChatModel)
 *         .build();
 * String answer = ChatClient.create(model).prompt().user("...").call().content();
 * String answeredBy = FallbackTrace.current().winner().map(Attempt::provider).orElse("-");   // "openai"
 * }</pre>
 *
 * <p><b>Which model answered.</b> The response is the answering model's own {@link ChatResponse}, unchanged
 * (its metadata and {@code getModel()} included). The label of the model that answered, and every attempt
 * before it, is in {@link FallbackTrace#current()} on the calling thread once {@code call} returns or throws
 * ({@code ChatClient.call()} runs the model on the calling thread): {@code winner()} is the answering attempt,
 * whose {@link Attempt#provider()} is the label given to {@link Builder#model}. A {@code ChatClient} call
 * whose advisors call the model more than once leaves the trace of the last call.
 *
 * <p><b>Options.</b> {@link #getDefaultOptions()} (and Spring AI 2's {@code getOptions()}) are neutral tool-calling
 * options with nothing set, so {@code ChatClient} puts no model name or provider setting of one provider into
 * the prompt. Each model then gets the prompt with its own options under the prompt's portable ones
 * (temperature, max tokens, tools): on Spring AI 1.x the models merge them themselves; on 2.x, where a model
 * requires options of its own class, each model gets a copy built from its {@code getOptions()} combined with
 * the prompt's. A prompt that names a model ({@code ChatOptions.model}) sends that name to every provider:
 * leave it to each model's own options. A model that runs tools runs them within its attempt; a later model
 * runs them again.
 *
 * <p><b>Failures.</b> When the chain stops, the model's exception is thrown unchanged. When every model
 * failed, {@link AllProvidersFailedException} (a {@code RuntimeException}) carries every attempt. If the calling
 * thread is interrupted while a timed attempt runs, a {@link CancellationException} is thrown whose cause is the
 * {@link InterruptedException}, and the thread's interrupt flag stays set. No message, trace or log line of
 * llm-fallback contains the prompt.
 *
 * <p><b>Retries.</b> Spring AI's models retry in place before a failure reaches the chain (1.x: a
 * {@code RetryTemplate} of up to 10 attempts with exponential back-off; 2.x: the provider SDK's
 * {@code maxRetries}). Turn that off on every model but the last: the next provider is a better retry than the
 * same overloaded one, and the chain's timeout bounds one attempt, not ten.
 *
 * <p>{@link #stream(Prompt)} is not supported yet: falling over inside a stream needs the commit point of
 * SPEC §13.
 *
 * <p>Immutable and thread-safe when the models are: one instance serves concurrent calls, and calls never
 * see each other's attempts.
 */
public final class FallbackChatModel implements ChatModel {

    private final FallbackChain<Prompt, ChatResponse> chain;

    private FallbackChatModel(FallbackChain<Prompt, ChatResponse> chain) {
        this.chain = chain;
    }

    /**
     * Starts a fallback chat model.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the chain: the first model's answer that succeeded, see the class documentation.
     *
     * @param prompt the prompt; each model gets it with its own options (see the class documentation)
     * @return the answering model's response, unchanged
     * @throws AllProvidersFailedException when every model failed with a failure that moves on
     * @throws RuntimeException            the failure that stopped the chain, unchanged
     */
    @Override
    public ChatResponse call(Prompt prompt) {
        if (prompt == null) {
            throw new NullPointerException("FallbackChatModel.call(Prompt): prompt is null");
        }
        try {
            return chain.run(prompt);
        } catch (RuntimeException | Error unchanged) {
            throw unchanged;
        } catch (InterruptedException interrupted) {
            // The engine keeps the flag set; ChatModel cannot declare the checked exception, so it is carried.
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("FallbackChatModel.call: interrupted while "
                    + "waiting for a model; the thread's interrupt flag is set");
            cancelled.initCause(interrupted);
            throw cancelled;
        } catch (Exception checked) {
            // Only a model that throws a checked exception sneakily gets here: let it out as it is.
            throw FallbackChatModel.<RuntimeException>sneaky(checked);
        }
    }

    /**
     * Neutral options: tool-calling options with nothing set, so that {@code ChatClient} carries no provider's
     * settings from one model to another.
     *
     * @return new, empty tool-calling options
     */
    @Override
    public ChatOptions getDefaultOptions() {
        // A new instance each time: Spring AI 1.x options have setters.
        return ToolCallingChatOptions.builder().build();
    }

    /**
     * Spring AI 2's name for {@link #getDefaultOptions()} (it overrides {@code ChatModel.getOptions()} there).
     *
     * @return empty tool-calling options
     */
    public ChatOptions getOptions() {
        return getDefaultOptions();
    }

    /**
     * Not supported yet: a fallback inside a stream needs the commit point of SPEC §13.
     *
     * @param prompt ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        throw new UnsupportedOperationException("FallbackChatModel.stream(Prompt): streaming through a fallback "
                + "chain is not supported yet; use call(Prompt) (ChatClient: .call() instead of .stream())");
    }

    /**
     * The models' labels, in the order they are tried.
     *
     * @return an unmodifiable list
     */
    public List<String> labels() {
        return chain.names();
    }

    @Override
    public String toString() {
        return "FallbackChatModel" + labels();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * Builds a {@link FallbackChatModel}: models in the order they are tried, each with a unique label.
     * Misuse fails at once, with a message that names the method and the fix. Not thread-safe;
     * {@link #build()} may be called more than once, and each model built is independent of later changes.
     */
    public static final class Builder {

        private final Map<String, Entry> models = new LinkedHashMap<>();
        private final Map<String, HealthPolicy> ownHealth = new LinkedHashMap<>();
        private SkipPredicate skipOn = RetryableOnly.INSTANCE;
        private HealthPolicy health = NoCooldown.INSTANCE;
        private Duration deadline;

        private Builder() {
        }

        /**
         * Adds a model, judged by the chain's predicate ({@link #skipOn(SkipPredicate)}), with no timeout of
         * its own.
         *
         * @param label a unique label for traces and provider health, e.g. {@code "anthropic"}
         * @param model the model; build it with retry off unless it is the last
         * @return this builder
         */
        public Builder model(String label, ChatModel model) {
            return model(label, model, null, null);
        }

        /**
         * Adds a model with an attempt timeout: when it expires the attempt is abandoned (its thread
         * interrupted), recorded {@link Attempt.Outcome#TIMED_OUT TIMED_OUT}, and the next model runs.
         *
         * @param label   a unique label for traces and provider health
         * @param model   the model
         * @param timeout the longest one attempt may take; positive
         * @return this builder
         */
        public Builder model(String label, ChatModel model, Duration timeout) {
            if (timeout == null) {
                throw new NullPointerException("FallbackChatModel.Builder.model(\"" + label + "\", model, timeout): "
                        + "timeout is null; use model(label, model) for a model without a timeout");
            }
            return model(label, model, null, timeout);
        }

        /**
         * Adds a model with its own predicate and attempt timeout.
         *
         * @param label   a unique label for traces and provider health
         * @param model   the model
         * @param skipOn  decides, for this model's failures, whether the chain moves on; {@code null} for the
         *                chain's
         * @param timeout the longest one attempt may take, positive; {@code null} for none
         * @return this builder
         */
        public Builder model(String label, ChatModel model, SkipPredicate skipOn, Duration timeout) {
            String call = "FallbackChatModel.Builder.model(" + (label == null ? "null" : "\"" + label + "\"")
                    + ", ...)";
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException(call + ": the label is " + (label == null ? "null" : "blank")
                        + "; give every model a label, e.g. \"anthropic\", for traces and provider health");
            }
            if (model == null) {
                throw new NullPointerException(call + ": the model is null; pass the ChatModel to try, "
                        + "e.g. OpenAiChatModel.builder()...build()");
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
            models.put(label, new Entry(model, skipOn, timeout));
            return this;
        }

        /**
         * Sets the predicate for models added without one of their own. Default {@link RetryableOnly}.
         *
         * @param predicate decides, for a failure, whether the chain moves on
         * @return this builder
         */
        public Builder skipOn(SkipPredicate predicate) {
            if (predicate == null) {
                throw new NullPointerException("FallbackChatModel.Builder.skipOn(null): pass a SkipPredicate, "
                        + "e.g. RetryableOnly.INSTANCE (the default)");
            }
            this.skipOn = predicate;
            return this;
        }

        /**
         * Bounds the whole call: each attempt's effective timeout is the smaller of its own and what is left;
         * when nothing is left the call ends with {@link AllProvidersFailedException}, the remaining models
         * recorded {@link Attempt.Outcome#NOT_TRIED NOT_TRIED}.
         *
         * @param budget positive
         * @return this builder
         */
        public Builder deadline(Duration budget) {
            if (budget == null || budget.isZero() || budget.isNegative()) {
                throw new IllegalArgumentException("FallbackChatModel.Builder.deadline(" + budget
                        + "): the deadline must be a positive duration, e.g. Duration.ofSeconds(30)");
            }
            this.deadline = budget;
            return this;
        }

        /**
         * Sets the health policy of models without one of their own (SPEC §9): a model whose provider is
         * cooling is skipped ({@link Attempt.Outcome#SKIPPED_UNHEALTHY}) instead of called. Health is kept
         * process-wide by label, in {@link dev.llmfallback.ProviderHealth#shared()}. Default {@link NoCooldown}.
         *
         * @param policy e.g. {@link dev.llmfallback.OutageCooldown#INSTANCE}
         * @return this builder
         */
        public Builder health(HealthPolicy policy) {
            if (policy == null) {
                throw new NullPointerException("FallbackChatModel.Builder.health(null): pass a HealthPolicy, "
                        + "e.g. OutageCooldown.INSTANCE, or NoCooldown.INSTANCE (the default)");
            }
            this.health = policy;
            return this;
        }

        /**
         * Sets one model's health policy, whatever {@link #health(HealthPolicy)} says.
         *
         * @param label  the model's label, as given to {@code model(...)} (before or after this call)
         * @param policy its policy
         * @return this builder
         */
        public Builder health(String label, HealthPolicy policy) {
            if (label == null || policy == null) {
                throw new NullPointerException("FallbackChatModel.Builder.health(" + label + ", " + policy
                        + "): pass a model's label and a HealthPolicy, e.g. health(\"anthropic\", "
                        + "OutageCooldown.INSTANCE)");
            }
            ownHealth.put(label, policy);
            return this;
        }

        /**
         * Builds the model.
         *
         * @return an immutable, thread-safe chat model
         * @throws IllegalArgumentException if no model was added, or {@code health(label, ...)} names none
         */
        public FallbackChatModel build() {
            if (models.isEmpty()) {
                throw new IllegalArgumentException("FallbackChatModel.Builder.build(): no model to try; add at "
                        + "least one with model(label, chatModel) before build()");
            }
            for (String label : ownHealth.keySet()) {
                if (!models.containsKey(label)) {
                    throw new IllegalArgumentException("FallbackChatModel.Builder.health(\"" + label
                            + "\", ...): no model has that label; the labels are " + models.keySet());
                }
            }
            PromptPerModel prompts = PromptPerModel.forRuntime();
            FallbackChain.Builder<Prompt, ChatResponse> chain = FallbackChain.<Prompt, ChatResponse>builder()
                    .skipOn(skipOn)
                    .health(health);
            for (Map.Entry<String, Entry> labelled : models.entrySet()) {
                Entry entry = labelled.getValue();
                ChatModel model = entry.model;
                chain.provider(labelled.getKey(), prompt -> model.call(prompts.forModel(model, prompt)),
                        entry.skipOn, entry.timeout);
            }
            ownHealth.forEach(chain::health);
            if (deadline != null) {
                chain.deadline(deadline);
            }
            return new FallbackChatModel(chain.build());
        }

        private static final class Entry {
            final ChatModel model;
            final SkipPredicate skipOn;
            final Duration timeout;

            Entry(ChatModel model, SkipPredicate skipOn, Duration timeout) {
                this.model = model;
                this.skipOn = skipOn;
                this.timeout = timeout;
            }
        }
    }
}
