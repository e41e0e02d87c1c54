/**
 * The README's agent demo: {@link dev.llmfallback.agentit.demo.AgentDemo}, run with the agent it falls over
 * from an overloaded provider to the next one and prints the trace; run without, it says it was not woven.
 */
package dev.llmfallback.agentit.demo;
