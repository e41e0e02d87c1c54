/**
 * The real-SDK example: {@link dev.llmfallback.examples.sdk.Summarizer} calls Anthropic through
 * anthropic-java, then OpenAI through openai-java, then a local extractive summary. Compiled by plain javac
 * and woven at run time by the java agent. API keys come from the environment; without them the local fake
 * servers stand in.
 */
package dev.llmfallback.examples.sdk;
