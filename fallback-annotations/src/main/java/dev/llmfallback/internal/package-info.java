/**
 * Not API, may change without notice: the engine that runs every chain, whatever front door started it,
 * and the resolution of annotated chains into immutable plans.
 *
 * <p>The front doors ({@code FallbackChain}, the AspectJ aspect, the Byte Buddy agent) only translate "a
 * call is happening" into {@link dev.llmfallback.internal.Engine#run Engine.run}. This package imports
 * neither AspectJ nor Byte Buddy.
 */
package dev.llmfallback.internal;
