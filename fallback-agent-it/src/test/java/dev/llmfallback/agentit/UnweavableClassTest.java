package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8: a class the agent technically cannot weave keeps working, unwoven, with one warning naming it.
 * Here the class's loader does not see fallback-annotations, so woven code could not call the engine.
 */
class UnweavableClassTest {

    @Test
    public void classWhoseLoaderLacksTheApi_runsUnwoven_withOneWarning() {
        ForkedJvm.Result run = ForkedJvm.withAgent().run(List.of(ForkedJvm.TEST_CLASSES),
                NoApiLauncher.class.getName(), ForkedJvm.CLASSES.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("call 0: java.lang.IllegalStateException: head ran its own body, unwoven")
                .contains("call 1: java.lang.IllegalStateException: head ran its own body, unwoven");
        assertThat(run.agentLines()).as(run.toString()).containsExactly("[llm-fallback agent] cannot weave "
                + "dev.llmfallback.agentit.apps.NoApiClient: its class loader does not see fallback-annotations "
                + "(dev.llmfallback.weaving.WovenChains); its @LlmFallback methods run without fallback");
    }
}
