package dev.llmfallback.examples.demo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the demo writes: colour only on a terminal, never in a pipe or CI log (and never with
 * {@code NO_COLOR} set); Unicode arrows and ticks only where the output encoding has them.
 */
final class Console {

    private static final String RESET = "\u001b[0m";

    /** Colours the demo uses. */
    enum Colour {
        GREEN("\u001b[32m"), YELLOW("\u001b[33m"), RED("\u001b[31m"), DIM("\u001b[2m"), BOLD("\u001b[1m");

        private final String code;

        Colour(String code) {
            this.code = code;
        }
    }

    private final PrintStream out;
    private final boolean colour;
    private final boolean unicode;

    private Console(PrintStream out, boolean colour, boolean unicode) {
        this.out = out;
        this.colour = colour;
        this.unicode = unicode;
    }

    /** The process's standard output, as the environment allows. */
    static Console system(Map<String, String> env) {
        Charset charset = stdoutCharset();
        boolean unicode = charset.newEncoder().canEncode("✓→✗─×");
        boolean colour = isTerminal() && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        return new Console(out, colour, unicode);
    }

    /** Plain output to {@code out}, for tests. */
    static Console plain(PrintStream out, boolean unicode) {
        return new Console(out, false, unicode);
    }

    String arrow() {
        return unicode ? "→" : "->";
    }

    String tick() {
        return unicode ? "✓" : "ok";
    }

    String cross() {
        return unicode ? "✗" : "FAILED";
    }

    String times() {
        return unicode ? "×" : "x";
    }

    String rule(int width) {
        return (unicode ? "─" : "-").repeat(width);
    }

    String paint(String text, Colour paint) {
        return colour ? paint.code + text + RESET : text;
    }

    synchronized void println(String line) {
        out.println(line);
    }

    // System.console() is non-null on a terminal up to JDK 21; from JDK 22 it may be non-null in a pipe too,
    // and Console.isTerminal() tells.
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException beforeJdk22) {
            return true;
        }
    }

    // JDK 18+ names the encoding of standard output stdout.encoding; JDK 17 writes it in the default charset.
    private static Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.US_ASCII;
        }
    }
}
