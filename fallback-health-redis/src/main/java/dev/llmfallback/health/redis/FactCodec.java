package dev.llmfallback.health.redis;

import dev.llmfallback.ProviderHealthStore.Fact;
import dev.llmfallback.ProviderHealthStore.Scope;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * How a {@link Fact} is kept in Redis: in the hash of its provider, under the field {@value #PROVIDER_FIELD} for
 * the provider's own word and {@value #INSTANCE_FIELD}{@code <instance>} for one instance's finding, as
 * {@code untilMillis|status|hard|scope|instance|reason} with the two free texts URL-encoded. The deadline comes
 * first so that the update script can compare it without decoding the rest. A value that does not parse (the
 * store is shared, its content is not trusted) is skipped. Stateless.
 */
final class FactCodec {

    static final String PROVIDER_FIELD = "provider";
    static final String INSTANCE_FIELD = "instance:";

    private FactCodec() {
    }

    static String field(Fact fact) {
        return fact.scope() == Scope.PROVIDER ? PROVIDER_FIELD : INSTANCE_FIELD + fact.instance();
    }

    static String encode(Fact fact) {
        return fact.coolingUntil().toEpochMilli() + "|" + fact.status() + "|" + (fact.hard() ? 1 : 0) + "|"
                + (fact.scope() == Scope.PROVIDER ? 'P' : 'I') + "|"
                + URLEncoder.encode(fact.instance(), StandardCharsets.UTF_8) + "|"
                + URLEncoder.encode(fact.reason(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a stored value.
     *
     * @return the fact, or {@code null} if the value is not one
     */
    static Fact decode(String provider, String value) {
        try {
            String[] parts = value.split("\\|", 6);
            if (parts.length != 6) {
                return null;
            }
            Scope scope = "P".equals(parts[3]) ? Scope.PROVIDER : "I".equals(parts[3]) ? Scope.INSTANCE : null;
            if (scope == null) {
                return null;
            }
            return new Fact(provider, Instant.ofEpochMilli(Long.parseLong(parts[0])),
                    URLDecoder.decode(parts[5], StandardCharsets.UTF_8), Integer.parseInt(parts[1]),
                    "1".equals(parts[2]), scope, URLDecoder.decode(parts[4], StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            return null;
        }
    }
}
