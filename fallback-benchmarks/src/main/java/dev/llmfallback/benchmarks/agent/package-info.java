/** Fixtures and benchmarks for the Byte Buddy agent: run only in JVMs started with {@code -javaagent}. */
package dev.llmfallback.benchmarks.agent;
