/**
 * The Spring front door's parts: the interceptor, its pointcut, the check for classes already woven, the
 * start-up validation, the start-up warnings for heads a proxy cannot intercept, the application's settings of
 * annotated chains (placeholders and {@code llm-fallback.*} properties, installed as the engine's plan overrides)
 * and the slot through which a context carries thread-local context onto timed attempts. Not API, may change.
 */
package dev.llmfallback.spring.internal;
