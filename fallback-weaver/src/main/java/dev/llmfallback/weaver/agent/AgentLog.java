package dev.llmfallback.weaver.agent;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The agent's few lines, on {@code System.err}, each starting with {@value #PREFIX}. The level comes from
 * the system property {@value #PROPERTY}: {@code quiet} (nothing at all), {@code warn} (the default:
 * misconfigured chains and classes left unwoven), {@code info} (also one line at start and one per woven
 * class) or {@code debug} (also stack traces and timings). Immutable and thread-safe.
 */
final class AgentLog {

    /** Starts every line the agent writes. */
    static final String PREFIX = "[llm-fallback agent] ";

    /** The system property that sets the level. */
    static final String PROPERTY = "llmfallback.agent.log";

    /** How much the agent says, in increasing order. */
    enum Level {
        QUIET, WARN, INFO, DEBUG
    }

    private final Level level;
    private final PrintStream out;

    AgentLog(Level level, PrintStream out) {
        this.level = level;
        this.out = out;
    }

    /** The log configured by {@value #PROPERTY}; an unknown value is reported and means {@code warn}. */
    static AgentLog fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "warn").trim();
        Level level;
        try {
            level = Level.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            AgentLog log = new AgentLog(Level.WARN, System.err);
            log.warn("unknown " + PROPERTY + "=" + value + " (use quiet, warn, info or debug); using warn");
            return log;
        }
        return new AgentLog(level, System.err);
    }

    Level level() {
        return level;
    }

    boolean enabled(Level wanted) {
        return level.compareTo(wanted) >= 0 && wanted != Level.QUIET;
    }

    void warn(String message) {
        print(Level.WARN, message);
    }

    void info(String message) {
        print(Level.INFO, message);
    }

    void debug(String message) {
        print(Level.DEBUG, message);
    }

    /** One warning line; with {@code debug}, the failure's stack trace follows it. */
    void warn(String message, Throwable failure) {
        print(Level.WARN, message);
        if (enabled(Level.DEBUG)) {
            failure.printStackTrace(out);
        }
    }

    private void print(Level wanted, String message) {
        if (enabled(wanted)) {
            out.println(PREFIX + message);
        }
    }
}
