package dev.llmfallback.langchain4j;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.HealthPolicy;
import dev.llmfallback.NoCooldown;
import dev.llmfallback.RetryableOnly;
import dev.llmfallback.SkipPredicate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A langchain4j {@link ChatModel} that is a fallback chain of other {@code ChatModel}s: each request goes to the
 * first model; when it fails for a reason worth moving on from (a 529, a 429, a 5xx, a network failure, its
 * timeout), the next model gets the same request; when it fails for the caller's own fault (a 400, a prompt
 * too long) that failure is thrown at once, unchanged. The chain is llm-fallback's engine, run through
 * {@link FallbackChain}, so the rules are the library's (see the {@code dev.llmfallback} package
 * documentation): per-model predicates and timeouts, a deadline for the whole call, provider health.
 *
 * <pre>{@code
 * ChatModel model = FallbackChatModel.builder()
 *         .model("anthropic", anthropicModel, Duration.ofSeconds(20))   // built with maxRetries(0)
 *         .model("openai", openAiModel)
 *         .build();
 * Assistant assistant = AiServices.create(Assistant.class, model);
 * String answer = assistant.chat("...");
 * String answeredBy = FallbackTrace.current().winner().map(Attempt::provider).orElse("-");   // "openai"
 * }</pre>
 *
 * <p><b>Which model answered.</b> The response is the answering model's own {@link ChatResponse}, unchanged
 * (its metadata, {@code modelName()} and the provider's subclass included). The label of the model that
 * answered, and every attempt before it, is in {@link FallbackTrace#current()} on the calling thread once
 * {@code chat} returns or throws: {@code winner()} is the answering attempt, whose {@link Attempt#provider()}
 * is the label given to {@link Builder#model}. An {@code AiServices} method that makes several model calls
 * (tools) leaves the trace of its last one.
 *
 * <p><b>Requests.</b> The request is passed to each model as it came, with the call's
 * {@link ChatRequestOptions}, through the model's own {@link ChatModel#chat(ChatRequest, ChatRequestOptions)}:
 * each model applies its own default parameters (model name, temperature, ...) under those of the request
 * and notifies its own listeners of its own attempt. This model's
 * {@link #defaultRequestParameters()} are empty, so a request built from them (as {@code AiServices} builds
 * one) carries nothing that belongs to one provider. A request that names a model ({@code modelName}) sends
 * that name to every provider: leave it to each model's defaults. {@link #supportedCapabilities()} are the
 * capabilities every model of the chain has.
 *
 * <p><b>Failures.</b> When the chain stops, the model's exception is thrown unchanged. When every model
 * failed, {@link AllProvidersFailedException} (a {@code RuntimeException}) carries every attempt. If the
 * calling thread is interrupted while a timed attempt runs, a {@link LangChain4jException} is thrown whose
 * cause is the {@link InterruptedException}, and the thread's interrupt flag stays set. No message, trace or
 * log line of llm-fallback contains the request.
 *
 * <p><b>Retries.</b> langchain4j's models retry in place ({@code maxRetries}, default 2) before a failure
 * reaches the chain. Build every model but the last with {@code maxRetries(0)}: the next provider is a better
 * retry than the same overloaded one, and the chain's timeout bounds one attempt, not three.
 *
 * <p>Streaming ({@code StreamingChatModel}) is not offered yet: falling over inside a stream needs the commit
 * point of SPEC §13.
 *
 * <p>Immutable and thread-safe when the models are: one instance serves concurrent calls, and calls never
 * see each other's attempts.
 */
public final class FallbackChatModel implements ChatModel {

    private final FallbackChain<ChatCall, ChatResponse> chain;
    private final Set<Capability> capabilities;

    private FallbackChatModel(FallbackChain<ChatCall, ChatResponse> chain, Set<Capability> capabilities) {
        this.chain = chain;
        this.capabilities = capabilities;
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
     * @param chatRequest the request, passed to each model unchanged
     * @param options     listener attributes, passed to each model; {@code null} for none
     * @return the answering model's response, unchanged
     * @throws AllProvidersFailedException when every model failed with a failure that moves on
     * @throws RuntimeException            the failure that stopped the chain, unchanged
     */
    @Override
    public ChatResponse chat(ChatRequest chatRequest, ChatRequestOptions options) {
        if (chatRequest == null) {
            throw new NullPointerException("FallbackChatModel.chat(ChatRequest, ChatRequestOptions): chatRequest is null");
        }
        return run(new ChatCall(chatRequest, options == null ? ChatRequestOptions.EMPTY : options));
    }

    /**
     * Runs the chain with no listener attributes, as {@link #chat(ChatRequest, ChatRequestOptions)} does.
     *
     * @param chatRequest the request
     * @return the answering model's response
     */
    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        return chat(chatRequest, ChatRequestOptions.EMPTY);
    }

    /**
     * The capabilities that every model of the chain supports, read when the chain was built.
     *
     * @return an unmodifiable set
     */
    @Override
    public Set<Capability> supportedCapabilities() {
        return capabilities;
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

    private ChatResponse run(ChatCall call) {
        try {
            return chain.run(call);
        } catch (RuntimeException | Error unchanged) {
            throw unchanged;
        } catch (InterruptedException interrupted) {
            // The engine keeps the flag set; ChatModel cannot declare the checked exception, so it is carried.
            Thread.currentThread().interrupt();
            throw new LangChain4jException("FallbackChatModel.chat: interrupted while waiting for a model; "
                    + "the thread's interrupt flag is set", interrupted);
        } catch (Exception checked) {
            // Only a model that throws a checked exception sneakily gets here: let it out as it is.
            throw FallbackChatModel.<RuntimeException>sneaky(checked);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** One call's input to the engine; no {@code toString}, so the request can never be printed from here. */
    private static final class ChatCall {
        private final ChatRequest request;
        private final ChatRequestOptions options;

        ChatCall(ChatRequest request, ChatRequestOptions options) {
            this.request = request;
            this.options = options;
        }

        ChatResponse sendTo(ChatModel model) {
            return model.chat(request, options);
        }

        @Override
        public String toString() {
            return "ChatCall";
        }
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
         * @param model the model; build it with {@code maxRetries(0)} unless it is the last
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
            FallbackChain.Builder<ChatCall, ChatResponse> chain = FallbackChain.<ChatCall, ChatResponse>builder()
                    .skipOn(skipOn)
                    .health(health);
            Set<Capability> common = EnumSet.allOf(Capability.class);
            for (Map.Entry<String, Entry> labelled : models.entrySet()) {
                Entry entry = labelled.getValue();
                ChatModel model = entry.model;
                chain.provider(labelled.getKey(), call -> call.sendTo(model), entry.skipOn, entry.timeout);
                Set<Capability> own = model.supportedCapabilities();
                common.retainAll(own == null ? Set.of() : own);
            }
            ownHealth.forEach(chain::health);
            if (deadline != null) {
                chain.deadline(deadline);
            }
            return new FallbackChatModel(chain.build(), Set.copyOf(common));
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
