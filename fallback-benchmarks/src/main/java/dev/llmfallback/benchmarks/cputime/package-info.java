/**
 * Thread-CPU-time measurements of the JMH benchmarks' own methods, for A/B comparisons on a shared machine:
 * a benchmark's wall-clock time counts the moments another process holds the core, its thread's CPU time does
 * not. Not a replacement for JMH (no blackhole-aware loop generation, no forks of its own): a comparison tool
 * for builds measured the same way, one method per JVM.
 */
package dev.llmfallback.benchmarks.cputime;
