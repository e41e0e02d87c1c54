package dev.llmfallback.spring.boot.app;

import dev.llmfallback.LlmFallback;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A one-link chain with a timeout, so that its body runs on a worker thread, reporting what thread-local context it
 * sees there.
 */
public class ContextProbe {

    /** An application's own thread-local, registered with context-propagation by the test. */
    public static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    private final ObservationRegistry observations;

    public ContextProbe(ObservationRegistry observations) {
        this.observations = observations;
    }

    @LlmFallback(provider = "probe", timeout = "5s")
    public Seen look(String text) {
        return new Seen(Thread.currentThread(), MDC.get("request"), TENANT.get(), observations.getCurrentObservation(),
                TransactionSynchronizationManager.isActualTransactionActive());
    }

    /**
     * What the body saw.
     *
     * @param thread      the thread it ran on
     * @param request     the MDC's {@code request}
     * @param tenant      {@link #TENANT}
     * @param observation the current observation
     * @param transaction whether a transaction was active on that thread
     */
    public record Seen(Thread thread, String request, String tenant, Observation observation, boolean transaction) {
    }
}
