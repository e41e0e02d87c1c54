package dev.llmfallback.spring.boot;

import dev.llmfallback.spring.actuate.ProviderHealthReport;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health contributor {@code llmFallback} for Spring Boot 4: always UP, since a provider that cools is skipped by
 * its chains, which answer from the next provider (degrading is by design, not an outage of the application); the
 * details list how many providers there are and each one that is not healthy, with its status, reason and time left
 * ({@link ProviderHealthReport#healthDetails()}, shared with the other Boot version's starter). Thread-safe.
 */
public final class LlmFallbackHealthIndicator implements HealthIndicator {

    private final ProviderHealthReport report;

    /**
     * An indicator over a report.
     *
     * @param report the providers' health
     */
    public LlmFallbackHealthIndicator(ProviderHealthReport report) {
        this.report = report;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(report.healthDetails()).build();
    }
}
