package dev.llmfallback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.spring.boot.app.ContextProbe;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.WebApplicationType;

/**
 * Thread-local context reaches a timed attempt's worker thread through Micrometer's context-propagation, which the
 * starter wires when it is on the class path: the SLF4J MDC and an application's own thread-local (each registered
 * with the {@link ContextRegistry}, as an application does) and the current observation (Micrometer's own accessor).
 * A transaction does not: its connection belongs to the thread that began it.
 */
class ContextPropagationTest {

    static final String TENANT_KEY = "llmfallback.test.tenant";

    static TunedAppRun app;

    @BeforeAll
    static void start() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor("request"));
        ContextRegistry.getInstance().registerThreadLocalAccessor(TENANT_KEY, ContextProbe.TENANT);
        app = new TunedAppRun(WebApplicationType.NONE, new Class<?>[0]);
    }

    @AfterEach
    void clear() {
        MDC.clear();
        ContextProbe.TENANT.remove();
    }

    @AfterAll
    static void stop() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
        ContextRegistry.getInstance().removeThreadLocalAccessor(TENANT_KEY);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void mdcAndAnApplicationsThreadLocal_reachTheWorkerThread_andLeaveItAfterwards() {
        MDC.put("request", "req-42");
        ContextProbe.TENANT.set("acme");

        ContextProbe.Seen seen = app.bean(ContextProbe.class).look("ignored");

        assertThat(seen.thread()).as("a timed attempt runs on a worker").isNotSameAs(Thread.currentThread());
        assertThat(seen.request()).isEqualTo("req-42");
        assertThat(seen.tenant()).isEqualTo("acme");

        MDC.clear();
        ContextProbe.TENANT.remove();
        ContextProbe.Seen next = app.bean(ContextProbe.class).look("ignored");
        assertThat(next.request()).as("nothing left behind on a reused worker").isNull();
        assertThat(next.tenant()).isNull();
    }

    @Test
    void theCurrentObservation_isCurrentOnTheWorkerThread() {
        ObservationRegistry registry = app.bean(ObservationRegistry.class);
        Observation observation = Observation.start("summaries.request", registry);
        Observation.Scope scope = observation.openScope();
        ContextProbe.Seen seen;
        try {
            seen = app.bean(ContextProbe.class).look("ignored");
        } finally {
            scope.close();
            observation.stop();
        }

        assertThat(seen.thread()).isNotSameAs(Thread.currentThread());
        assertThat(seen.observation()).isSameAs(observation);
    }
}
