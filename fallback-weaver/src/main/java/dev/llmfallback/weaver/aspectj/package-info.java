/**
 * The AspectJ front door: {@code dev.llmfallback.weaver.aspectj.LlmFallbackAspect}, a code-style
 * aspect compiled by ajc, usable as an aspect library at compile time and through the
 * {@code META-INF/aop.xml} this jar ships at load time.
 */
package dev.llmfallback.weaver.aspectj;
