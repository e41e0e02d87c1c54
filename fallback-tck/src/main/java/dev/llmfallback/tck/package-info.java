/**
 * The behaviour suite every front door must pass: {@link dev.llmfallback.tck.BehaviourContract} (all front
 * doors) and {@link dev.llmfallback.tck.AnnotatedBehaviourContract} (annotated front doors), the scripted
 * fake providers they drive ({@link dev.llmfallback.tck.Script}), and the
 * {@link dev.llmfallback.tck.FrontDoor}s that reach a chain programmatically or through annotated fixtures.
 *
 * <p>Every door comes twice: sync ({@link dev.llmfallback.tck.ProgrammaticDoor}: {@code FallbackChain.run};
 * {@link dev.llmfallback.tck.AnnotatedDoor}: heads answering a value) and async
 * ({@link dev.llmfallback.tck.AsyncProgrammaticDoor}: {@code runAsync};
 * {@link dev.llmfallback.tck.AsyncAnnotatedDoor}: heads answering a {@code CompletionStage}), and
 * {@link dev.llmfallback.tck.BehaviourContract} runs through both. An async door waits for the chain's future
 * and reports its outcome as a sync chain would, reading the trace with {@code FallbackTrace.of(future)}
 * ({@link dev.llmfallback.tck.FrontDoor#lastTrace()}); the scenarios about the calling thread skip
 * themselves there, with the reason.
 *
 * <p>Test code, not API. The fixtures in {@code dev.llmfallback.tck.fixtures} are compiled by plain javac:
 * each test module weaves them its own way (ajc binary weaving, the AspectJ load-time weaver, the Byte
 * Buddy agent), and the same assertions run against each.
 */
package dev.llmfallback.tck;
