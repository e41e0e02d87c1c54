/** langchain4j 1.x's OpenAI and Anthropic chat models, classified against the fakes. */
package dev.llmfallback.clients.langchain4j;
