/**
 * Programs for the agent's integration tests and the README's agent demo, compiled by plain javac: nothing
 * here is woven unless the JVM runs with {@code -javaagent:fallback-weaver-VERSION-agent.jar}.
 */
package dev.llmfallback.agentit;
