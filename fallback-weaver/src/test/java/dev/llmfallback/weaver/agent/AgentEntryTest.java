package dev.llmfallback.weaver.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The entry points never throw: an agent that cannot start reports it in one line and lets the app run. */
@ResourceLock(Resources.SYSTEM_ERR)
class AgentEntryTest {

    @Test
    public void premainThatFails_reportsOneLine_andReturns() {
        String err = stderrOf(() -> LlmFallbackAgent.premain(null, null));

        assertThat(err.lines()).singleElement().asString()
                .startsWith("[llm-fallback agent] not started (-javaagent), the application runs without "
                        + "llm-fallback's agent: java.lang.NullPointerException");
        assertThat(System.getProperty(AgentRuntime.ACTIVE)).isNull();
    }

    @Test
    public void agentmainThatFails_reportsOneLine_andReturns() {
        String err = stderrOf(() -> LlmFallbackAgent.agentmain("", null));

        assertThat(err).startsWith("[llm-fallback agent] not started (attached)");
    }

    @Test
    public void logLevel_fromTheSystemProperty() {
        String before = System.getProperty(AgentLog.PROPERTY);
        try {
            System.setProperty(AgentLog.PROPERTY, "DEBUG");
            assertThat(AgentLog.fromSystemProperty().level()).isEqualTo(AgentLog.Level.DEBUG);
            System.setProperty(AgentLog.PROPERTY, "quiet");
            assertThat(AgentLog.fromSystemProperty().enabled(AgentLog.Level.WARN)).isFalse();
            System.clearProperty(AgentLog.PROPERTY);
            assertThat(AgentLog.fromSystemProperty().level()).isEqualTo(AgentLog.Level.WARN);
            System.setProperty(AgentLog.PROPERTY, "loud");
            String err = stderrOf(() -> assertThat(AgentLog.fromSystemProperty().level()).isEqualTo(AgentLog.Level.WARN));
            assertThat(err).contains("unknown llmfallback.agent.log=loud");
        } finally {
            if (before == null) {
                System.clearProperty(AgentLog.PROPERTY);
            } else {
                System.setProperty(AgentLog.PROPERTY, before);
            }
        }
    }

    @Test
    public void exclusions_jdkByteBuddyAndOurOwn_butNotAppsUnderOurName() {
        assertThat(FallbackTransformer.excluded("java/lang/String")).isTrue();
        assertThat(FallbackTransformer.excluded("jdk/internal/misc/Unsafe")).isTrue();
        assertThat(FallbackTransformer.excluded("net/bytebuddy/ByteBuddy")).isTrue();
        assertThat(FallbackTransformer.excluded("dev/llmfallback/LlmFallback")).isTrue();
        assertThat(FallbackTransformer.excluded("dev/llmfallback/internal/Engine")).isTrue();
        assertThat(FallbackTransformer.excluded("dev/llmfallback/weaver/agent/shaded/bytebuddy/ByteBuddy")).isTrue();
        assertThat(FallbackTransformer.excluded("dev/llmfallback/examples/Summarizer")).isFalse();
        assertThat(FallbackTransformer.excluded("dev/llmfallback/tck/fixtures/ThreeProviders")).isFalse();
        assertThat(FallbackTransformer.excluded("com/example/Summarizer")).isFalse();
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
