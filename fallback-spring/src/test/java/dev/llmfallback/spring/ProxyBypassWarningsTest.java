package dev.llmfallback.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.LlmFallback;
import dev.llmfallback.spring.internal.ProxyBypassWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The start-up warnings of the Spring AOP front door, in a real context (no agent), read from the log as Spring
 * writes it (here through java.util.logging, the backend spring-jcl picks when nothing else is present): a head
 * called on {@code this} inside its class, and a private, final or static head, each warned about once; links
 * and heads called through the bean are not.
 */
class ProxyBypassWarningsTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger logger = Logger.getLogger(ProxyBypassWarnings.LOG_CATEGORY);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Configuration(proxyBeanMethods = false)
    @EnableLlmFallback
    static class Config {
    }

    /** Calls its head on itself three ways: a call, a lambda, a method reference. */
    public static class SelfCalling {
        @LlmFallback(next = "backup")
        public String summarize(String text) {
            return text;
        }

        public String backup(String text) {
            return text;
        }

        public String twice(String text) {
            return summarize(text) + this.summarize(text);
        }

        public List<String> each(List<String> texts) {
            return texts.stream().map(text -> summarize(text)).collect(Collectors.toList());
        }

        public List<String> eachByReference(List<String> texts) {
            return texts.stream().map(this::summarize).collect(Collectors.toList());
        }
    }

    /** Heads a class-based proxy cannot override, and a private link, which is fine. */
    public static class Unproxyable {
        @LlmFallback(next = "backup")
        public final String finalHead(String text) {
            return text;
        }

        @LlmFallback(next = "backup")
        private String privateHead(String text) {
            return text;
        }

        @LlmFallback(next = "staticBackup")
        public static String staticHead(String text) {
            return text;
        }

        @LlmFallback(next = "privateLink")
        public String head(String text) {
            return text;
        }

        @LlmFallback(next = "backup")
        private String privateLink(String text) {
            return text;
        }

        public String backup(String text) {
            return text;
        }

        public static String staticBackup(String text) {
            return text;
        }

        String usesThePrivateHead(String text) {
            return privateHead(text);
        }
    }

    /** Heads called only through the bean, from another bean. */
    public static class Clean {
        @LlmFallback(next = "backup")
        public String summarize(String text) {
            return text;
        }

        public String backup(String text) {
            return text;
        }
    }

    public static class CallsClean {
        private final Clean clean;

        public CallsClean(Clean clean) {
            this.clean = clean;
        }

        public String summarize(String text) {
            return clean.summarize(text);
        }
    }

    @BeforeEach
    void captureTheLog() {
        logger.addHandler(capture);
        // The fixtures' warnings are expected: kept out of the build's output.
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    private List<String> warningsOf(Consumer<AnnotationConfigApplicationContext> beans) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.register(Config.class);
            beans.accept(context);
            context.refresh();
        }
        return records.stream().filter(record -> record.getLevel() == Level.WARNING).map(LogRecord::getMessage)
                .collect(Collectors.toList());
    }

    @Test
    void headCalledOnThis_isWarnedAboutOnce_namingTheCallers() {
        List<String> warnings = warningsOf(context -> context.registerBean(SelfCalling.class));

        assertThat(warnings).containsExactly("@LlmFallback head SelfCalling.summarize(String) is called on this "
                + "inside SelfCalling (from twice(), eachByReference(), a lambda): such a call does not go through "
                + "the Spring proxy, so it runs no chain (its failure escapes). Fix: call it through the bean (inject "
                + "SelfCalling where it is called), or attach the java agent, which intercepts every call.");
    }

    @Test
    void privateFinalAndStaticHeads_areWarnedAbout_linksAreNot() {
        List<String> warnings = warningsOf(context -> context.registerBean(Unproxyable.class));

        assertThat(warnings).hasSize(3);
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith(
                "@LlmFallback head Unproxyable.finalHead(String) is final: the Spring AOP front door cannot "
                        + "intercept a private, final or static method, so calling it runs no chain"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith(
                "@LlmFallback head Unproxyable.privateHead(String) is private:"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith(
                "@LlmFallback head Unproxyable.staticHead(String) is static:").endsWith(
                "Fix: make it public or protected, not final and not static, or attach the java agent, which "
                        + "weaves such methods too."));
        assertThat(String.join("\n", warnings)).doesNotContain("privateLink").doesNotContain("Unproxyable.head(");
    }

    @Test
    void headsCalledThroughTheBean_areNotWarnedAbout() {
        List<String> warnings = warningsOf(context -> {
            context.registerBean(Clean.class);
            context.registerBean(CallsClean.class);
        });

        assertThat(warnings).isEmpty();
    }
}
