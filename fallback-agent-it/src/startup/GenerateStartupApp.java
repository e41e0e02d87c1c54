import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sources of the start-up benchmark app of docs/AGENT.md: {@code classes} classes in package
 * {@code app}, of which {@code annotated} carry an @LlmFallback chain, and a Main that loads and uses every
 * one of them (one call each; each annotated head falls over once when woven, and fails when not). Plain classes are shaped like ordinary
 * service code: a few fields, string constants, a static and three instance methods, calls to two others.
 *
 * <p>Run with the JDK's single-file launcher: {@code java GenerateStartupApp.java OUT_DIR [classes] [annotated]}.
 */
public class GenerateStartupApp {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve("app");
        int classes = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int annotated = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Files.createDirectories(out);
        int plain = classes - annotated - 1; // Main is a class too
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < plain; i++) {
            String name = plainName(i);
            String next = plainName((i + 1) % plain);
            String other = plainName((i * 7 + 3) % plain);
            Files.writeString(out.resolve(name + ".java"), """
                    package app;

                    import java.util.ArrayList;
                    import java.util.List;
                    import java.util.Map;

                    public class %1$s {
                        private static final String LABEL = "%1$s label";
                        private final List<String> items = new ArrayList<>();
                        private int count;
                        private long total;

                        public static int touch(int seed) {
                            %1$s self = new %1$s();
                            self.add("item-" + seed);
                            return self.size() + (seed %% 97 == 0 ? %2$s.peek(seed) : 0);
                        }

                        static int peek(int seed) {
                            return seed > 1000000 ? %3$s.touch(seed - 1) : seed %% 13;
                        }

                        public void add(String item) {
                            items.add(item);
                            count++;
                            total += item.length();
                        }

                        public int size() {
                            return items.size();
                        }

                        public String describe(Map<String, Object> context) {
                            StringBuilder text = new StringBuilder(LABEL);
                            for (String item : items) {
                                text.append(',').append(item);
                            }
                            return text.append(context).append(count).append(total).toString();
                        }
                    }
                    """.formatted(name, next, other));
            calls.add("total += " + name + ".touch(" + i + ");");
        }
        for (int i = 0; i < annotated; i++) {
            String name = "Client" + i;
            Files.writeString(out.resolve(name + ".java"), """
                    package app;

                    import dev.llmfallback.LlmFallback;
                    import java.io.UncheckedIOException;
                    import java.net.ConnectException;

                    public class %1$s {
                        @LlmFallback(next = "callOpenAi", provider = "anthropic")
                        public String callAnthropic(String prompt) {
                            throw new UncheckedIOException(new ConnectException("anthropic is down"));
                        }

                        @LlmFallback(next = "callLocal", provider = "openai")
                        public String callOpenAi(String prompt) {
                            return "%1$s answered";
                        }

                        public String callLocal(String prompt) {
                            return "local";
                        }
                    }
                    """.formatted(name));
            // Unwoven (the "plain" run), the head's failure escapes: count it rather than die.
            calls.add("try { answers.append(new " + name + "().callAnthropic(\"hello\").length()); } "
                    + "catch (RuntimeException unwoven) { answers.append('x'); }");
        }
        StringBuilder main = new StringBuilder("""
                package app;

                public class Main {
                    public static void main(String[] args) {
                        long total = 0;
                        StringBuilder answers = new StringBuilder();
                """);
        for (String call : calls) {
            main.append("        ").append(call).append('\n');
        }
        main.append("""
                        System.out.println("classes used: %d, total " + total + ", answers " + answers);
                    }
                }
                """.formatted(classes));
        Files.writeString(out.resolve("Main.java"), main.toString());
    }

    private static String plainName(int i) {
        return String.format("Service%04d", i);
    }
}
