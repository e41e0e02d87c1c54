package dev.llmfallback.leak;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.HasStatusCode;
import java.util.concurrent.Callable;

/**
 * One "deployment" of an application that uses llm-fallback, loaded by {@code ClassLoaderLeakTest} in a class
 * loader of its own (with llm-fallback's classes) and run on a long-lived thread that outlives it.
 */
public final class Deployment implements Callable<String> {

    /** The primary's failure, a class of the deployment. */
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

    @Override
    public String call() throws Exception {
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("anthropic", prompt -> {
                    throw new Overloaded();
                })
                .provider("openai", prompt -> "answer")
                .build();
        chain.run("prompt");
        return FallbackTrace.current().toString();
    }
}
