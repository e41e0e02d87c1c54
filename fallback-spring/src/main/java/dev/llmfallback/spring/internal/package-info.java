/**
 * The Spring front door's parts: the interceptor, its pointcut, the check for classes already woven, and the
 * start-up validation. Not API, may change.
 */
package dev.llmfallback.spring.internal;
