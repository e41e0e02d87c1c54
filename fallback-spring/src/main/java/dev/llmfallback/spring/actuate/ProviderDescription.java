package dev.llmfallback.spring.actuate;

/**
 * One provider's health as the {@code llmfallback} endpoint and the health contributor show it. Immutable.
 *
 * @param provider      the provider label
 * @param status        {@code HEALTHY}, {@code COOLING}, {@code PROBING} or {@code FORCED_OPEN}
 * @param reason        why it is not healthy, log-safe (e.g. {@code 529 overloaded}); empty when healthy
 * @param until         when its cooldown, probe lease or forced opening ends (ISO-8601 instant); {@code null} when
 *                      healthy
 * @param timeLeftMillis milliseconds until then, {@code 0} when healthy
 */
public record ProviderDescription(String provider, String status, String reason, String until, long timeLeftMillis) {
}
