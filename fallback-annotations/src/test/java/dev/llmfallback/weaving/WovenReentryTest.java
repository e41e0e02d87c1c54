package dev.llmfallback.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.HasStatusCode;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.internal.run.ThreadState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Re-entry through the weaving ABI with the advice written out in each method's body, as the Byte Buddy agent
 * inlines it: a link that is itself an annotated head runs as a link and its recursive call starts a chain of
 * its own; an announcement that no advice consumes (a link that is not woven, or that throws before its body
 * runs) never makes a later call a link.
 */
class WovenReentryTest {

    private static final String FIRST = "first(Ljava/lang/String;)Ljava/lang/String;";
    private static final String SECOND = "second(Ljava/lang/String;)Ljava/lang/String;";
    private static final String UNWOVEN = "unwoven(Ljava/lang/String;)Ljava/lang/String;";
    private static final String CALLS_OTHER = "callsOther(Ljava/lang/String;)Ljava/lang/String;";
    private static final String OTHER = "other(Ljava/lang/String;)Ljava/lang/String;";

    /** A provider's 529: the chain moves on. */
    static final class Overloaded extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;

        Overloaded() {
            super("overloaded", null, false, false);
        }

        @Override
        public int statusCode() {
            return 529;
        }
    }

    interface Body {
        String run();
    }

    static class Client {
        final List<String> calls = new ArrayList<>();
        final AtomicReference<FallbackTrace> nestedTrace = new AtomicReference<>();
        final AtomicReference<Integer> depthInOther = new AtomicReference<>();
        private int recursions;

        @LlmFallback(next = "second", provider = "reentry-first")
        String first(String prompt) {
            return woven(this, FIRST, prompt, () -> {
                calls.add("first");
                throw new Overloaded();
            });
        }

        // A link of first's chain and a head of its own; its body calls first again, once.
        @LlmFallback(next = "last", provider = "reentry-second")
        String second(String prompt) {
            return woven(this, SECOND, prompt, () -> {
                calls.add("second");
                if (recursions++ > 0) {
                    return "second";
                }
                String nested = first(prompt);
                nestedTrace.set(FallbackTrace.current());
                return "second(" + nested + ")";
            });
        }

        String last(String prompt) {
            calls.add("last");
            return "last";
        }

        @LlmFallback(next = "unwoven", provider = "reentry-head")
        String head(String prompt) {
            return woven(this, "head(Ljava/lang/String;)Ljava/lang/String;", prompt, () -> {
                calls.add("head");
                throw new Overloaded();
            });
        }

        // Annotated, so the engine announces it, but not woven: no advice consumes the announcement.
        @LlmFallback(next = "last", provider = "reentry-unwoven")
        String unwoven(String prompt) {
            calls.add("unwoven");
            return "unwoven";
        }

        @LlmFallback(next = "callsOther", provider = "reentry-head2")
        String head2(String prompt) {
            return woven(this, "head2(Ljava/lang/String;)Ljava/lang/String;", prompt, () -> {
                calls.add("head2");
                throw new Overloaded();
            });
        }

        // Not woven either, but it calls a woven head: that call starts a chain of its own.
        @LlmFallback(next = "last", provider = "reentry-callsOther")
        String callsOther(String prompt) {
            calls.add("callsOther");
            return "callsOther(" + other(prompt) + ")";
        }

        @LlmFallback(next = "last", provider = "reentry-other")
        String other(String prompt) {
            return woven(this, OTHER, prompt, () -> {
                calls.add("other");
                depthInOther.set(ThreadState.get().traces().depth());
                return "other";
            });
        }
    }

    /** The agent's advice, around a body. */
    static String woven(Client target, String signature, String prompt, Body body) {
        Entry entry = WovenChains.enter(Client.class, signature);
        try {
            if (entry == null) {
                return body.run();
            }
            if (entry instanceof Entry.Deferred) {
                return (String) WovenChains.run((Entry.Deferred) entry, target, new Object[] {prompt});
            }
            String answer;
            try {
                answer = body.run();
            } catch (Throwable failure) {
                return (String) WovenChains.failed((Entry.Started) entry, failure, target, new Object[] {prompt});
            }
            WovenChains.answered((Entry.Started) entry);
            return answer;
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new AssertionError(checked);
        }
    }

    @Test
    public void aLinkThatIsItselfAHead_runsAsALink_andItsRecursiveCallStartsANestedChain() {
        Client client = new Client();

        assertThat(client.first("p")).isEqualTo("second(second)");

        assertThat(client.calls).containsExactly("first", "second", "first", "second");
        assertThat(client.nestedTrace.get().attempts()).as("the nested chain, read right after it returned")
                .extracting(Attempt::provider, Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("reentry-first", Attempt.Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple("reentry-second", Attempt.Outcome.SUCCEEDED));
        assertThat(FallbackTrace.current().attempts()).as("the outer chain: the link was not a chain of its own")
                .extracting(Attempt::provider).containsExactly("reentry-first", "reentry-second");
        assertThat(ThreadState.get().traces().depth()).isZero();
        assertThat(client.second("again")).as("called directly, second is a head: its body runs once")
                .isEqualTo("second");
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::provider).containsExactly("reentry-second");
    }

    @Test
    public void anAnnouncementNoAdviceConsumed_doesNotMakeTheNextCallOfThatMethodALink() {
        Client client = new Client();

        assertThat(client.head("p")).isEqualTo("unwoven");

        Entry next = WovenChains.enter(Client.class, UNWOVEN);
        assertThat(next).as("a call after the chain is a head, not the announced link").isInstanceOf(Entry.Started.class);
        WovenChains.answered((Entry.Started) next);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::provider).containsExactly("reentry-unwoven");
    }

    @Test
    public void aWovenHeadCalledByALinkThatIsNotWoven_startsAChainOfItsOwn() {
        Client client = new Client();

        assertThat(client.head2("p")).isEqualTo("callsOther(other)");

        assertThat(client.calls).containsExactly("head2", "callsOther", "other");
        assertThat(client.depthInOther.get()).as("other ran as the head of a nested chain").isEqualTo(2);
        assertThat(FallbackTrace.current().attempts()).extracting(Attempt::provider)
                .containsExactly("reentry-head2", "reentry-callsOther");
    }

    @Test
    public void aLinkThatFailsBeforeItsBodyRuns_leavesNoAnnouncement() {
        Entry started = WovenChains.enter(Client.class, "head(Ljava/lang/String;)Ljava/lang/String;");

        // No receiver: invoking the link fails in the method handle, before any advice could consume the announcement.
        Throwable thrown = catchThrowable(() -> WovenChains.failed((Entry.Started) started, new Overloaded(), null,
                new Object[] {"p"}));

        assertThat(thrown).isNotNull();
        assertThat(ThreadState.get().traces().depth()).isZero();
        Entry next = WovenChains.enter(Client.class, UNWOVEN);
        assertThat(next).as("the link's announcement was withdrawn").isInstanceOf(Entry.Started.class);
        WovenChains.answered((Entry.Started) next);
        Entry other = WovenChains.enter(Client.class, CALLS_OTHER);
        assertThat(other).isInstanceOf(Entry.Started.class);
        WovenChains.answered((Entry.Started) other);
    }
}
