package dev.llmfallback.internal.stream;

import dev.llmfallback.internal.classify.PublicMethods;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Reads the official SDKs' stream events by class name, with no dependency on the SDKs (as
 * {@code internal.classify} reads their exceptions): whether an event carries model output. The accessors are
 * looked up once per event class ({@link ClassValue}) and called through method handles after that.
 *
 * <ul>
 *   <li>anthropic-java {@code com.anthropic.models.messages.RawMessageStreamEvent} and the beta
 *       {@code BetaRawMessageStreamEvent}: {@code isContentBlockDelta()};</li>
 *   <li>openai-java {@code com.openai.models.chat.completions.ChatCompletionChunk}: a choice whose delta has a
 *       non-empty {@code content()} or {@code refusal()}, a {@code functionCall()}, or non-empty
 *       {@code toolCalls()};</li>
 *   <li>openai-java {@code com.openai.models.responses.ResponseStreamEvent} (the Responses API): a delta of
 *       output text, a refusal, function call arguments, custom tool input, reasoning text or summary, audio
 *       or its transcript carries output; {@code response.created}, {@code response.in_progress}, items and
 *       content parts being added, and the rest do not. An {@code error} event and {@code response.failed}
 *       (which the SDK hands over as events, not exceptions) are failures: {@link ErrorEventException}.</li>
 * </ul>
 * Any other class, or an SDK class whose accessors cannot be found or fail, carries output: committing early
 * only gives up a fall-over, while committing late could repeat an answer. Not API. Thread-safe.
 */
final class SdkEvents {

    private static final String ANTHROPIC_EVENT = "com.anthropic.models.messages.RawMessageStreamEvent";
    private static final String ANTHROPIC_BETA_EVENT = "com.anthropic.models.beta.messages.BetaRawMessageStreamEvent";
    private static final String OPENAI_CHUNK = "com.openai.models.chat.completions.ChatCompletionChunk";
    private static final String OPENAI_CHOICE = OPENAI_CHUNK + "$Choice";
    private static final String OPENAI_DELTA = OPENAI_CHOICE + "$Delta";
    private static final String OPENAI_RESPONSE_EVENT = "com.openai.models.responses.ResponseStreamEvent";
    private static final String OPENAI_RESPONSES = "OpenAI Responses stream";
    /** The Responses events that carry model output, by their {@code is...()} accessors. */
    private static final List<String> OPENAI_RESPONSE_OUTPUT = List.of("isOutputTextDelta", "isRefusalDelta",
            "isFunctionCallArgumentsDelta", "isCustomToolCallInputDelta", "isReasoningTextDelta",
            "isReasoningSummaryTextDelta", "isAudioDelta", "isAudioTranscriptDelta");

    /** How to tell whether an event of one class carries output. */
    private interface Reader {
        boolean carriesOutput(Object event) throws Throwable;
    }

    private static final Reader ALWAYS = event -> true;

    private static final ClassValue<Reader> READERS = new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> type) {
            String name = type.getName();
            Reader reader = null;
            if (name.equals(ANTHROPIC_EVENT) || name.equals(ANTHROPIC_BETA_EVENT)) {
                reader = anthropic(type);
            } else if (name.equals(OPENAI_CHUNK)) {
                reader = openAi(type);
            } else if (name.equals(OPENAI_RESPONSE_EVENT)) {
                reader = openAiResponses(type);
            }
            return reader != null ? reader : ALWAYS;
        }
    };

    private SdkEvents() {
    }

    static boolean carriesOutput(Object event) {
        try {
            return READERS.get(event.getClass()).carriesOutput(event);
        } catch (ErrorEventException failure) {
            throw failure;
        } catch (Throwable unreadable) {
            return true;
        }
    }

    private static Reader anthropic(Class<?> type) {
        MethodHandle isDelta = handle(type, "isContentBlockDelta");
        if (isDelta == null) {
            return null;
        }
        return event -> (boolean) isDelta.invoke(event);
    }

    private static Reader openAi(Class<?> chunkType) {
        Class<?> choiceType = load(OPENAI_CHOICE, chunkType);
        Class<?> deltaType = load(OPENAI_DELTA, chunkType);
        if (choiceType == null || deltaType == null) {
            return null;
        }
        MethodHandle choices = handle(chunkType, "choices");
        MethodHandle delta = handle(choiceType, "delta");
        MethodHandle content = handle(deltaType, "content");
        MethodHandle refusal = handle(deltaType, "refusal");
        MethodHandle functionCall = handle(deltaType, "functionCall");
        MethodHandle toolCalls = handle(deltaType, "toolCalls");
        if (choices == null || delta == null || content == null || refusal == null || functionCall == null
                || toolCalls == null) {
            return null;
        }
        return chunk -> {
            for (Object choice : (List<?>) choices.invoke(chunk)) {
                Object d = delta.invoke(choice);
                if (nonEmpty((Optional<?>) content.invoke(d)) || nonEmpty((Optional<?>) refusal.invoke(d))
                        || ((Optional<?>) functionCall.invoke(d)).isPresent()
                        || nonEmpty((Optional<?>) toolCalls.invoke(d))) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The failure an event stands for, read as before the commit: an OpenAI Responses {@code error} event or
     * {@code response.failed}.
     *
     * @return the failure, or {@code null} for any other event or element
     */
    static ErrorEventException failureIn(Object event) {
        try {
            READERS.get(event.getClass()).carriesOutput(event);
            return null;
        } catch (ErrorEventException failure) {
            return failure;
        } catch (Throwable unreadable) {
            return null;
        }
    }

    private static Reader openAiResponses(Class<?> type) {
        List<MethodHandle> output = new java.util.ArrayList<>();
        for (String accessor : OPENAI_RESPONSE_OUTPUT) {
            MethodHandle is = handle(type, accessor);
            if (is != null) {
                // An SDK older than this list lacks some variants: those cannot occur in its streams.
                output.add(is);
            }
        }
        MethodHandle isError = handle(type, "isError");
        MethodHandle asError = handle(type, "asError");
        MethodHandle isFailed = handle(type, "isFailed");
        MethodHandle asFailed = handle(type, "asFailed");
        if (output.isEmpty() || isError == null || asError == null || isFailed == null || asFailed == null) {
            return null;
        }
        return event -> {
            for (MethodHandle is : output) {
                if ((boolean) is.invoke(event)) {
                    return true;
                }
            }
            if ((boolean) isError.invoke(event)) {
                throw new ErrorEventException(OPENAI_RESPONSES, "an error event", word(call(asError.invoke(event), "code")));
            }
            if ((boolean) isFailed.invoke(event)) {
                Object error = call(call(asFailed.invoke(event), "response"), "error");
                throw new ErrorEventException(OPENAI_RESPONSES, "response.failed", word(call(error, "code")));
            }
            return false;
        };
    }

    /**
     * Calls a public no-arg accessor of an SDK object found by name; {@code null} for a {@code null} target or
     * an empty {@code Optional}. Only for error events: rare, so not worth caching handles for.
     */
    private static Object call(Object target, String accessor) throws Throwable {
        if (target == null) {
            return null;
        }
        MethodHandle handle = handle(target.getClass(), accessor);
        Object value = handle == null ? null : handle.invoke(target);
        return value instanceof Optional ? ((Optional<?>) value).orElse(null) : value;
    }

    /** An error code as a word: a string, or an SDK enum's {@code asString()}. */
    private static String word(Object code) throws Throwable {
        if (code == null || code instanceof String) {
            return (String) code;
        }
        Object word = call(code, "asString");
        return word instanceof String ? (String) word : null;
    }

    /** Present and, for a string or a list, not empty: OpenAI's first chunk has {@code "content": ""}. */
    private static boolean nonEmpty(Optional<?> value) {
        if (value.isEmpty()) {
            return false;
        }
        Object held = value.get();
        if (held instanceof CharSequence) {
            return ((CharSequence) held).length() > 0;
        }
        if (held instanceof List) {
            return !((List<?>) held).isEmpty();
        }
        return true;
    }

    private static Class<?> load(String name, Class<?> sibling) {
        try {
            return Class.forName(name, false, sibling.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static MethodHandle handle(Class<?> type, String name) {
        Method method = PublicMethods.find(type, name);
        return method == null ? null : PublicMethods.handle(type, method);
    }
}
