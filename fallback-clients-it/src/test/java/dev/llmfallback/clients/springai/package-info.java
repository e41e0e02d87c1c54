/** Spring AI 2.0's OpenAI and Anthropic chat models (on the official SDKs), classified against the fakes. */
package dev.llmfallback.clients.springai;
