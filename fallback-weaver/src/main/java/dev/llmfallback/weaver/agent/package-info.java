/**
 * The Byte Buddy java agent: {@link dev.llmfallback.weaver.agent.LlmFallbackAgent}, shipped as the shaded jar
 * {@code fallback-weaver-VERSION-agent.jar} (Byte Buddy relocated into this package's {@code shaded}
 * subpackage, so that an application's own Byte Buddy, at whatever version, is unaffected).
 *
 * <p>Only {@link dev.llmfallback.weaver.agent.LlmFallbackAgent} is API. Everything else here is internal to
 * the agent jar: not API, may change without notice. How the agent works, what it weaves, its options and
 * its start-up cost are documented in {@code docs/AGENT.md}.
 */
package dev.llmfallback.weaver.agent;
