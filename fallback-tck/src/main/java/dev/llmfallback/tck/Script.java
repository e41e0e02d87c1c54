package dev.llmfallback.tck;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Scripted fake providers: provider {@code i} behaves as {@code behaviours[i]} and every call is logged.
 * Thread-safe: behaviours are functions of the prompt, and the log is concurrent.
 */
public final class Script {

    /** One logged call. */
    public record Call(int provider, String prompt, Throwable previous, Thread thread) {
    }

    /** What one provider does when called; may depend on the prompt. */
    @FunctionalInterface
    public interface Behaviour {
        String respond(String prompt) throws Exception;

        static Behaviour answer(String answer) {
            return prompt -> answer;
        }

        static Behaviour echo(String prefix) {
            return prompt -> prefix + prompt;
        }

        static Behaviour returnNull() {
            return prompt -> null;
        }

        static Behaviour fail(Throwable failure) {
            return prompt -> {
                throw Script.<Exception>sneaky(failure);
            };
        }
    }

    private final Behaviour[] behaviours;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<Object, Object> shared = new ConcurrentHashMap<>();

    private Script(Behaviour[] behaviours) {
        this.behaviours = behaviours.clone();
    }

    public static Script of(Behaviour... behaviours) {
        return new Script(behaviours);
    }

    public String call(int provider, String prompt) throws Exception {
        return call(provider, prompt, null);
    }

    public String call(int provider, String prompt, Throwable previous) throws Exception {
        calls.add(new Call(provider, prompt, previous, Thread.currentThread()));
        if (provider >= behaviours.length) {
            throw new AssertionError("the script has no behaviour for provider " + provider);
        }
        return behaviours[provider].respond(prompt);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Integer> calledProviders() {
        return calls.stream().map(Call::provider).collect(Collectors.toList());
    }

    /** An object made once per script, e.g. the fixture or chain a front door reuses across calls. */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Supplier<T> make) {
        return (T) shared.computeIfAbsent(Objects.requireNonNull(key), k -> make.get());
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
