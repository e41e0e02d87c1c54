/**
 * Not API, may change without notice: fleet-shared provider health (SPEC §10). {@link
 * dev.llmfallback.internal.health.shared.FleetHealth} connects a registry to a
 * {@link dev.llmfallback.ProviderHealthStore}: it publishes the registry's cooldowns from a daemon thread and,
 * on the same thread, reads the fleet's facts and applies them to the cells, so that a call never waits on the
 * store and a healthy provider is still admitted on one volatile read.
 */
package dev.llmfallback.internal.health.shared;
