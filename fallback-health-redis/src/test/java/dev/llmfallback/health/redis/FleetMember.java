package dev.llmfallback.health.redis;

import dev.llmfallback.FallbackChain;
import dev.llmfallback.FallbackTrace;
import dev.llmfallback.HasStatusCode;
import dev.llmfallback.OutageCooldown;
import dev.llmfallback.ProviderHealth;
import dev.llmfallback.ProviderHealthStore.Sharing;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of a service, as it would run in its own JVM: the process-wide {@link ProviderHealth#shared()}
 * registry sharing through its own {@link RedisProviderHealthStore}, and a chain "primary" then "secondary" with
 * {@link OutageCooldown}. {@link FleetOnRedisTest} loads each member in a class loader of its own, so that each
 * has its own engine, registry, Lettuce client and threads; it talks to a member by reflection, in JDK types only.
 */
public final class FleetMember implements AutoCloseable {

    /** What the test prompt is: it must never reach Redis or a log. */
    public static final String PROMPT = "s3cr3t-prompt-redis-fleet";

    private final RedisProviderHealthStore store;
    private final ProviderHealth.StoreLink link;
    private final FallbackChain<String, String> chain;
    private final AtomicInteger primaryCalls = new AtomicInteger();
    private volatile String primary = "ok";

    /**
     * Starts a member.
     *
     * @param redisUri      where Redis is
     * @param prefix        the key prefix (one per test)
     * @param instance      the member's id
     * @param refreshMillis the sharing's refresh
     */
    public FleetMember(String redisUri, String prefix, String instance, long refreshMillis) {
        store = RedisProviderHealthStore.builder().uri(redisUri).prefix(prefix).build();
        link = ProviderHealth.shared().share(store, Sharing.builder().instance(instance)
                .refresh(Duration.ofMillis(refreshMillis)).followerDelay(Duration.ofMillis(200)).build());
        chain = FallbackChain.<String, String>builder()
                .provider("primary", this::callPrimary)
                .provider("secondary", prompt -> "secondary")
                .health(OutageCooldown.INSTANCE)
                .build();
    }

    private String callPrimary(String prompt) throws Exception {
        primaryCalls.incrementAndGet();
        switch (primary) {
            case "529":
                throw new StatusException(529, prompt);
            case "timeout":
                throw new SocketTimeoutException("read timed out, request was " + prompt);
            default:
                return "primary";
        }
    }

    /** A provider's failure with a status, quoting the prompt in its message as some SDKs do. */
    static final class StatusException extends RuntimeException implements HasStatusCode {
        private static final long serialVersionUID = 1L;
        private final int status;

        StatusException(int status, String prompt) {
            super("HTTP " + status + " for request: " + prompt);
            this.status = status;
        }

        @Override
        public int statusCode() {
            return status;
        }
    }

    /**
     * Makes the primary answer ({@code ok}), fail with 529, or time out.
     *
     * @param behaviour {@code ok}, {@code 529} or {@code timeout}
     */
    public void primary(String behaviour) {
        primary = behaviour;
    }

    /**
     * One request.
     *
     * @return the answer, then a tab, then the trace
     * @throws Exception if the chain failed
     */
    public String call() throws Exception {
        String answer = chain.run(PROMPT);
        return answer + "\t" + FallbackTrace.current();
    }

    /** @return the primary's status in this member's registry */
    public String status() {
        return ProviderHealth.shared().state("primary").status().name();
    }

    /** @return why */
    public String reason() {
        return ProviderHealth.shared().state("primary").reason();
    }

    /** @return how many calls reached the primary */
    public int primaryCalls() {
        return primaryCalls.get();
    }

    /** @return whether the store is unreachable for this member */
    public boolean storeDown() {
        return link.storeDown();
    }

    /** @return successful reads of the store */
    public long reads() {
        return link.reads();
    }

    /** Forgets the primary's health in this member. */
    public void reset() {
        ProviderHealth.shared().resetAll();
    }

    @Override
    public void close() {
        link.close();
        store.close();
    }
}
