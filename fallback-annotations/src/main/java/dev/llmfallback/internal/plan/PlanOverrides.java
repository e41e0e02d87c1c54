package dev.llmfallback.internal.plan;

import dev.llmfallback.HealthPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The process-wide hook through which an application's configuration (the Spring starters: placeholders and
 * {@code llm-fallback.*} properties) changes the settings of <em>annotated</em> chains when they are resolved:
 * per provider label a timeout and a health policy, per chain (named as listeners and metrics name it, the head's
 * {@code Class.method} label) a deadline, and the text of {@code timeout}/{@code deadline} attributes resolved
 * before it is parsed ({@code "${llm.timeout}"}). Programmatic chains are not affected: their builder is their
 * configuration.
 *
 * <p>One source is in force at a time, like the provider health it configures (process-wide, by label):
 * {@link #install} puts a source in force and returns the handle that takes it out again; installations nest (the
 * latest wins; closing it brings back the one before). Every installation and removal starts a new
 * {@linkplain #generation() generation}: plans resolved under an earlier one are resolved again on their next use
 * ({@link AnnotatedChains} checks), so a chain never runs on settings that are no longer in force, whether it was
 * first resolved before the application's configuration was read (the agent resolves a class when it weaves it)
 * or under another application context of the same JVM (tests). A call pays one volatile read for this.
 * Thread-safe.
 */
public final class PlanOverrides {

    /** What an application changes in annotated chains. Implementations must be immutable and thread-safe. */
    public interface Source {

        /**
         * Resolves the text of a {@code timeout} or {@code deadline} attribute, e.g. its {@code ${...}}
         * placeholders, before it is parsed.
         *
         * @param text the attribute's text, not blank
         * @return the text to parse
         * @throws IllegalArgumentException if the text cannot be resolved; its message says why (it becomes part
         *                                  of the chain's {@link dev.llmfallback.FallbackConfigurationException})
         */
        default String resolve(String text) {
            return text;
        }

        /**
         * The attempt timeout of every link with this provider label, replacing the annotation's.
         *
         * @param provider a provider label
         * @return the timeout with where it was configured, or {@code null} to keep the annotation's
         */
        default Setting<Duration> timeout(String provider) {
            return null;
        }

        /**
         * The health policy of every link with this provider label, replacing the annotation's.
         *
         * @param provider a provider label
         * @return the policy with where it was configured, or {@code null} to keep the annotation's
         */
        default Setting<HealthPolicy> health(String provider) {
            return null;
        }

        /**
         * The deadline of a chain, replacing its head's annotation's.
         *
         * @param chain the chain's name: its head's {@code Class.method} label, e.g. {@code Summaries.summarize}
         * @return the deadline with where it was configured, or {@code null} to keep the annotation's
         */
        default Setting<Duration> deadline(String chain) {
            return null;
        }
    }

    /**
     * A configured value and where it was configured, for messages.
     *
     * @param value  the value
     * @param origin where it came from, e.g. {@code llm-fallback.providers.anthropic.timeout}
     * @param <T>    the value's type
     */
    public record Setting<T>(T value, String origin) {

        /**
         * Checks the components.
         *
         * @param value  not {@code null}
         * @param origin not {@code null}
         */
        public Setting {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** An installed source; closing it takes the source out of force. */
    @FunctionalInterface
    public interface Installation extends AutoCloseable {

        /** Takes the source out of force; harmless when repeated. */
        @Override
        void close();
    }

    /** Changes nothing. */
    public static final Source NONE = new Source() {
    };

    private static final Object LOCK = new Object();
    /** The installations in force, the latest last; guarded by {@link #LOCK}. */
    private static final List<Source> INSTALLED = new ArrayList<>();
    private static volatile Source current = NONE;
    private static volatile int generation;

    private PlanOverrides() {
    }

    /**
     * Puts {@code source} in force for every annotated chain of the process, until the handle is closed.
     *
     * @param source the settings
     * @return closing it takes the source out of force (idempotent)
     */
    public static Installation install(Source source) {
        Objects.requireNonNull(source, "source");
        synchronized (LOCK) {
            INSTALLED.add(source);
            changed();
        }
        return new Installation() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (LOCK) {
                    if (!closed) {
                        closed = true;
                        // By identity: the same source may be installed twice.
                        for (int i = INSTALLED.size() - 1; i >= 0; i--) {
                            if (INSTALLED.get(i) == source) {
                                INSTALLED.remove(i);
                                break;
                            }
                        }
                        changed();
                    }
                }
            }
        };
    }

    /**
     * The source in force.
     *
     * @return the latest installed source, or {@link #NONE}
     */
    static Source current() {
        return current;
    }

    /**
     * The generation of the settings in force: changes with every installation and removal.
     *
     * @return the generation
     */
    public static int generation() {
        return generation;
    }

    private static void changed() {
        current = INSTALLED.isEmpty() ? NONE : INSTALLED.get(INSTALLED.size() - 1);
        // Written after current: a reader that sees the new generation resolves under the new source.
        generation++;
    }
}
