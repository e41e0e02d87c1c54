/**
 * Tests of streaming chains that answer with publishers, against the Reactive Streams TCK and Reactor.
 */
package dev.llmfallback.publishers;
