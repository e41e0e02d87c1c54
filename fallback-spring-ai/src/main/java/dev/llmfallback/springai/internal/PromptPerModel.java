package dev.llmfallback.springai.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Gives each model of a chain the prompt it can take, on the Spring AI generation that is on the class path.
 *
 * <ul>
 *   <li><b>Spring AI 1.x</b>: a model merges a prompt's portable options ({@code ChatOptions}: temperature,
 *       max tokens, tool callbacks, ...) onto its own defaults itself, whatever the options' class, so the
 *       prompt goes to every model unchanged.</li>
 *   <li><b>Spring AI 2.x</b>: a model takes a prompt's options as they are and casts them to its own class
 *       ({@code OpenAiChatOptions}, {@code AnthropicChatOptions}); {@code ChatClient} builds them from
 *       {@code chatModel.getOptions().mutate()}. So each model gets a copy of the prompt whose options are its
 *       own {@code getOptions()}, combined ({@code Builder.combineWith}) with the prompt's: the prompt's
 *       non-null portable values and tool callbacks win, the model's name and provider settings stay.</li>
 * </ul>
 *
 * <p>The generation is told once, by whether {@code ChatOptions} has Spring AI 2's {@code mutate()}; the 2.x
 * methods, absent from the 1.x API this module compiles against, are bound once as method handles, so no
 * reflection runs per call. Stateless and thread-safe. Not API, may change.
 */
public final class PromptPerModel {

    private static final PromptPerModel RUNTIME = detect();

    private final String generation;
    // Spring AI 2.x only; null on 1.x.
    private final MethodHandle getOptions;
    private final MethodHandle mutate;
    private final MethodHandle combineWith;

    private PromptPerModel(String generation, MethodHandle getOptions, MethodHandle mutate, MethodHandle combineWith) {
        this.generation = generation;
        this.getOptions = getOptions;
        this.mutate = mutate;
        this.combineWith = combineWith;
    }

    /**
     * The adapter for the Spring AI on the class path.
     *
     * @return the shared instance
     */
    public static PromptPerModel forRuntime() {
        return RUNTIME;
    }

    /**
     * Which Spring AI generation was found: {@code "1.x"} or {@code "2.x"}.
     *
     * @return the generation
     */
    public String generation() {
        return generation;
    }

    /**
     * The prompt to send to {@code model}.
     *
     * @param model  the model about to be called
     * @param prompt the prompt the chain was called with
     * @return {@code prompt} itself, or on Spring AI 2.x with options a copy carrying options of the model's
     *         own class
     */
    public Prompt forModel(ChatModel model, Prompt prompt) {
        ChatOptions requested = prompt.getOptions();
        if (getOptions == null || requested == null) {
            return prompt;   // 1.x merges by itself; with no options a 2.x model uses its own
        }
        try {
            ChatOptions own = (ChatOptions) getOptions.invoke(model);
            if (own == null) {
                return prompt;
            }
            ChatOptions.Builder combined = (ChatOptions.Builder) combineWith.invoke(
                    (ChatOptions.Builder) mutate.invoke(own), (ChatOptions.Builder) mutate.invoke(requested));
            return new Prompt(prompt.getInstructions(), combined.build());
        } catch (RuntimeException | Error unchanged) {
            throw unchanged;
        } catch (Throwable impossible) {
            // None of the three methods declares a checked exception.
            throw new IllegalStateException("PromptPerModel.forModel: Spring AI 2 options threw "
                    + impossible.getClass().getName(), impossible);
        }
    }

    private static PromptPerModel detect() {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle mutate;
        try {
            mutate = lookup.findVirtual(ChatOptions.class, "mutate", MethodType.methodType(ChatOptions.Builder.class));
        } catch (NoSuchMethodException absent) {
            return new PromptPerModel("1.x", null, null, null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("PromptPerModel: ChatOptions.mutate() is not public", e);
        }
        try {
            MethodHandle getOptions = lookup.findVirtual(ChatModel.class, "getOptions",
                    MethodType.methodType(ChatOptions.class));
            MethodHandle combineWith = lookup.findVirtual(ChatOptions.Builder.class, "combineWith",
                    MethodType.methodType(ChatOptions.Builder.class, ChatOptions.Builder.class));
            return new PromptPerModel("2.x", getOptions, mutate, combineWith);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("fallback-spring-ai: this Spring AI has ChatOptions.mutate() but not "
                    + "ChatModel.getOptions() or ChatOptions.Builder.combineWith(Builder); supported are Spring AI "
                    + "1.1 and 2.0", e);
        }
    }
}
