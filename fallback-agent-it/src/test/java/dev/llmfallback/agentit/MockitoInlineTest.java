package dev.llmfallback.agentit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.agentit.redefined.Mocked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mockito's inline mock maker (the default of mockito-core 5) on a class the agent wove: it retransforms the
 * class to add its own advice, which must work on a class to which the agent added a static initializer.
 * Mockito's advice comes first in every method of the class: a spy's call that is not stubbed runs the real
 * method, the chain included, and the chain's calls to its links go through the spy too (so a stubbed link
 * is what the chain falls over to); a stubbed call, and every call on a mock, answers without running the
 * method, so no chain runs. In this JVM, which Surefire starts with {@code -javaagent:} the agent jar.
 */
class MockitoInlineTest {

    @Test
    public void spy_ofAWovenClass_fallsOver_andSeesTheChainsCallToTheLink() {
        Mocked spy = spy(new Mocked());

        assertThat(spy.head("p")).isEqualTo("fallback");

        assertThat(spy.ran).containsExactly("head", "fallback");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .isEqualTo(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED));
        verify(spy).head("p");
        verify(spy).fallback("p");
    }

    @Test
    public void spyWithAStubbedLink_fallsOverToTheStub() {
        Mocked spy = spy(new Mocked());
        doReturn("stubbed fallback").when(spy).fallback(anyString());

        assertThat(spy.head("p")).isEqualTo("stubbed fallback");

        assertThat(spy.ran).containsExactly("head");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                .isEqualTo(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED));
    }

    @Test
    public void spyWithAStubbedHead_answersWithTheStub_andRunsNoChain() {
        Mocked spy = spy(new Mocked());
        doReturn("stubbed").when(spy).head(anyString());
        FallbackTrace before = FallbackTrace.current();

        assertThat(spy.head("p")).isEqualTo("stubbed");

        assertThat(spy.ran).isEmpty();
        assertThat(FallbackTrace.current()).isSameAs(before);
    }

    @Test
    public void mock_ofAWovenClass_answersAsStubbed_andRunsNoChain() {
        Mocked mock = mock(Mocked.class);
        FallbackTrace before = FallbackTrace.current();

        assertThat(mock.head("p")).isNull();
        when(mock.head("q")).thenReturn("stubbed");
        assertThat(mock.head("q")).isEqualTo("stubbed");

        assertThat(FallbackTrace.current()).isSameAs(before);
        verify(mock).head("p");
    }

    @Test
    public void realInstances_stillFallOver_onceTheClassIsMocked() {
        mock(Mocked.class);
        Mocked real = new Mocked();

        assertThat(real.head("p")).isEqualTo("fallback");
        assertThat(real.ran).containsExactly("head", "fallback");
    }
}
