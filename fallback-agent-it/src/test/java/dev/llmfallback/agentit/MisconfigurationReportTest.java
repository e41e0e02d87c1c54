package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 under the agent: a misconfigured chain is woven anyway, reported once, in one line naming the
 * class, the method and the reason, when its class initialises (before any of its code runs); then every
 * call fails with the same FallbackConfigurationException. The report never holds an argument.
 */
class MisconfigurationReportTest {

    private static final String APP = "dev.llmfallback.agentit.apps.MisconfiguredApp";
    private static final String REPORT = "[llm-fallback agent] dev.llmfallback.agentit.apps.MisconfiguredClient: "
            + "Invalid @LlmFallback on MisconfiguredClient.head(String): next = \"callOpenAI\" names no method of "
            + "MisconfiguredClient or its superclasses; did you mean \"callOpenAi\"? Fix: ";
    private static final String REPORT_FIX = "set next to the name of a sibling method.";

    @Test
    public void reportedOnceAtLoad_thenEveryCallFails() {
        ForkedJvm.Result run = ForkedJvm.withAgent().mergeOutput()
                .run(List.of(ForkedJvm.CLASSES, ForkedJvm.API_JAR), APP);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines.stream().filter(line -> line.startsWith("[llm-fallback agent]")))
                .as(run.toString()).containsExactly(REPORT + REPORT_FIX);
        assertThat(run.stdout()).doesNotContain("secret prompt");
        int report = lines.indexOf(REPORT + REPORT_FIX);
        assertThat(report).as("after main started, before the first call returned")
                .isGreaterThan(lines.indexOf("main: starting")).isLessThan(indexOfPrefix(lines, "call 0:"));
        String message = REPORT.substring(REPORT.indexOf("Invalid"));
        for (int call = 0; call < 3; call++) {
            assertThat(lines).as("each call fails with the same message").contains(
                    "call " + call + ": dev.llmfallback.FallbackConfigurationException: " + message
                            + REPORT_FIX);
        }
        assertThat(lines).contains("valid: openai");
    }

    @Test
    public void quiet_saysNothing_butCallsStillFail() {
        ForkedJvm.Result run = ForkedJvm.withAgent().jvmArgs("-Dllmfallback.agent.log=quiet")
                .run(List.of(ForkedJvm.CLASSES, ForkedJvm.API_JAR), APP);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).as(run.toString()).isEmpty();
        assertThat(run.stdout()).contains("call 2: dev.llmfallback.FallbackConfigurationException: Invalid @LlmFallback");
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
