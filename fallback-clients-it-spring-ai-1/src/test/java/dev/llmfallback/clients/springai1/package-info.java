/**
 * Spring AI 1.1's OpenAI and Anthropic chat models (on Spring's RestClient, retry template off), classified
 * against the fakes with fallback-clients-it's harness.
 */
package dev.llmfallback.clients.springai1;
