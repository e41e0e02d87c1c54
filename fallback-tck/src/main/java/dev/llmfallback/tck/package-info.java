/**
 * The behaviour suite every front door must pass: {@link dev.llmfallback.tck.BehaviourContract} (all front
 * doors) and {@link dev.llmfallback.tck.AnnotatedBehaviourContract} (annotated front doors), the scripted
 * fake providers they drive ({@link dev.llmfallback.tck.Script}), and the
 * {@link dev.llmfallback.tck.FrontDoor}s that reach a chain programmatically or through annotated fixtures.
 *
 * <p>Test code, not API. The fixtures in {@code dev.llmfallback.tck.fixtures} are compiled by plain javac:
 * each test module weaves them its own way (ajc binary weaving, the AspectJ load-time weaver, the Byte
 * Buddy agent), and the same assertions run against each.
 */
package dev.llmfallback.tck;
