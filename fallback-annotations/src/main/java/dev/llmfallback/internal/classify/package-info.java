/**
 * Not API, may change without notice: classification of failures (HTTP status, network failure, timeout,
 * Retry-After, quota or billing) without a dependency on any client library, and their log-safe descriptions.
 */
package dev.llmfallback.internal.classify;
