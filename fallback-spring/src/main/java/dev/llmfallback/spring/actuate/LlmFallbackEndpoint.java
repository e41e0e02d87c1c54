package dev.llmfallback.spring.actuate;

import dev.llmfallback.ProviderHealth;
import dev.llmfallback.internal.plan.Durations;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code llmfallback}: the context's chains with their links and settings, and the providers'
 * health; an operator's force-open and reset of a provider as write operations.
 * <ul>
 *   <li>{@code GET /actuator/llmfallback}: {@code {"chains": [...], "providers": [...]}};</li>
 *   <li>{@code GET /actuator/llmfallback/{provider}}: one provider's health;</li>
 *   <li>{@code POST /actuator/llmfallback/{provider}} with {@code {"duration": "10m"}}: force the provider open
 *       (every chain skips it) for that long;</li>
 *   <li>{@code DELETE /actuator/llmfallback/{provider}}: make it healthy again (ends a cooldown or a forced
 *       opening).</li>
 * </ul>
 * Read-only by default ({@link Access#READ_ONLY}): the write operations are not mapped until
 * {@code management.endpoint.llmfallback.access=unrestricted}. Like every endpoint, it is served over HTTP only
 * when exposed ({@code management.endpoints.web.exposure.include=health,llmfallback}). Thread-safe.
 */
@Endpoint(id = LlmFallbackEndpoint.ID, defaultAccess = Access.READ_ONLY)
public final class LlmFallbackEndpoint {

    /** The endpoint's id. */
    public static final String ID = "llmfallback";

    private final ProviderHealthReport report;

    /**
     * An endpoint over a report.
     *
     * @param report what it shows
     */
    public LlmFallbackEndpoint(ProviderHealthReport report) {
        this.report = report;
    }

    /**
     * The chains and the providers' health.
     *
     * @return the report
     */
    @ReadOperation
    public Report report() {
        return new Report(report.chains(), report.providers());
    }

    /**
     * One provider's health.
     *
     * @param provider the provider label
     * @return its health; {@code HEALTHY} for a provider never seen
     */
    @ReadOperation
    public ProviderDescription provider(@Selector String provider) {
        return report.provider(provider);
    }

    /**
     * Forces a provider open: every chain skips it until {@code duration} has passed or it is reset.
     *
     * @param provider the provider label
     * @param duration how long, e.g. {@code "10m"}, {@code "90s"} or {@code "PT10M"}
     * @return its health after the change
     * @throws InvalidEndpointRequestException if {@code duration} is not a positive duration (HTTP 400)
     */
    @WriteOperation
    public ProviderDescription forceOpen(@Selector String provider, String duration) {
        Duration parsed;
        try {
            parsed = Durations.parse(duration);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidEndpointRequestException("Invalid duration: " + invalid.getMessage(),
                    "duration " + invalid.getMessage());
        }
        ProviderHealth.shared().forceOpen(provider, parsed);
        return report.provider(provider);
    }

    /**
     * Makes a provider healthy again, its streak forgotten.
     *
     * @param provider the provider label
     * @return its health after the change
     */
    @DeleteOperation
    public ProviderDescription reset(@Selector String provider) {
        ProviderHealth.shared().reset(provider);
        return report.provider(provider);
    }

    /**
     * What {@code GET /actuator/llmfallback} answers.
     *
     * @param chains    the context's chains
     * @param providers the providers' health
     */
    public record Report(List<ChainDescription> chains, List<ProviderDescription> providers) {

        /**
         * Copies the lists.
         *
         * @param chains    the chains
         * @param providers the providers
         */
        public Report {
            chains = List.copyOf(chains);
            providers = List.copyOf(providers);
        }
    }
}
