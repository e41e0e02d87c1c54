/**
 * What the Spring Boot starters' actuator shows, shared by Boot 3.5 and 4 (whose health types differ, so each starter
 * keeps only a thin health indicator over {@link dev.llmfallback.spring.actuate.ProviderHealthReport}): the
 * endpoint {@code llmfallback} ({@link dev.llmfallback.spring.actuate.LlmFallbackEndpoint}) with the context's
 * chains and the providers' health, force-open and reset as write operations that are off by default, and the
 * configuration that registers it when the actuator is on the class path.
 */
package dev.llmfallback.spring.actuate;
