/**
 * Small programs the agent's integration tests start in JVMs of their own, each showing one situation: a
 * misconfigured chain, an application with its own Byte Buddy, a class whose loader lacks the API.
 */
package dev.llmfallback.agentit.apps;
