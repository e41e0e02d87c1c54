package dev.llmfallback.leak;

import dev.llmfallback.FallbackTrace;
import dev.llmfallback.LlmFallback;
import dev.llmfallback.weaving.Entry;
import dev.llmfallback.weaving.WovenChains;
import java.util.concurrent.Callable;

/**
 * A deployment whose chain is annotated, run as woven code runs it: the head in place, then an annotated link the
 * engine announces to the thread's re-entry guard (and that no advice consumes, as for a link that is not woven).
 * Loaded by {@code ClassLoaderLeakTest} in a class loader of its own.
 */
public final class AnnotatedDeployment implements Callable<String> {

    /** The application's client. */
    public static final class Client {
        @LlmFallback(next = "openai", provider = "anthropic")
        public String anthropic(String prompt) {
            throw new Deployment.Overloaded();
        }

        @LlmFallback(provider = "openai")
        public String openai(String prompt) {
            return "answer";
        }
    }

    @Override
    public String call() throws Exception {
        Entry entry = WovenChains.enter(Client.class, "anthropic(Ljava/lang/String;)Ljava/lang/String;");
        Client client = new Client();
        try {
            client.anthropic("prompt");
            throw new AssertionError("the head fails");
        } catch (Deployment.Overloaded failure) {
            try {
                WovenChains.failed((Entry.Started) entry, failure, client, new Object[] {"prompt"});
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable other) {
                throw new AssertionError(other);
            }
        }
        return FallbackTrace.current().toString();
    }
}
