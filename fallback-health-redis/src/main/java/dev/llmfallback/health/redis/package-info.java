/**
 * Fleet-shared provider health (SPEC §10) on Redis: {@link dev.llmfallback.health.redis.RedisProviderHealthStore},
 * a {@link dev.llmfallback.ProviderHealthStore} on the Lettuce client. Install it with
 * {@code ProviderHealth.shared().share(RedisProviderHealthStore.create("redis://host:6379"))}; README, "Sharing
 * health across instances".
 */
package dev.llmfallback.health.redis;
