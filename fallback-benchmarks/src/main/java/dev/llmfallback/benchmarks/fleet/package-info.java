/**
 * The fleet simulation of fleet-shared provider health (SPEC §10, BENCHMARKS.md "A fleet sharing provider
 * health"): N simulated instances in one process, each with a registry, a chain and a Redis client of its own,
 * sharing one redis-server. A program, not JMH; never run by the tests.
 */
package dev.llmfallback.benchmarks.fleet;
