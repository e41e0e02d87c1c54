/**
 * Local fake provider servers: OkHttp MockWebServer on 127.0.0.1 speaking the Anthropic Messages and OpenAI
 * Chat Completions wire formats, driven by scripted {@link dev.llmfallback.examples.fake.Behaviour}s. Used
 * by the SDK classification tests and by the outage demo; not API.
 */
package dev.llmfallback.examples.fake;
