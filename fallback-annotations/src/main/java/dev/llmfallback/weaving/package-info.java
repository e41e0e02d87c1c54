/**
 * The weaving ABI: the types and static methods that woven code calls. Not for application code.
 *
 * <p>Compile-time weaving copies the AspectJ aspect's advice into the user's classes, so a class woven
 * against one version of llm-fallback links against these signatures at run time; the agent's advice is
 * inlined into every woven method the same way. Renaming or changing any public member here breaks
 * already-woven jars with {@code NoSuchMethodError}, so the build pins them: a test compares them with a
 * checked-in list and fails when they change, and a change must come with a new major version (and
 * re-weaving). Everything behind these methods lives in {@code dev.llmfallback.internal} and may change freely.
 */
package dev.llmfallback.weaving;
