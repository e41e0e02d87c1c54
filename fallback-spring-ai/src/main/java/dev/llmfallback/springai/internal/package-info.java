/**
 * Internals of the Spring AI integration: what differs between Spring AI 1.x and 2.x. Not API, may change.
 */
package dev.llmfallback.springai.internal;
