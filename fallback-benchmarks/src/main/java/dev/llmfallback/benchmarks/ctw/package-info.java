/** Fixtures woven at build time by ajc; nothing else in this module is. */
package dev.llmfallback.benchmarks.ctw;
