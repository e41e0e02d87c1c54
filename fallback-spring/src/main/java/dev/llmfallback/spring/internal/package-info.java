/**
 * The Spring front door's parts: the interceptor, its pointcut, the check for classes already woven, the start-up
 * validation, and the start-up warnings for heads a proxy cannot intercept. Not API, may change.
 */
package dev.llmfallback.spring.internal;
