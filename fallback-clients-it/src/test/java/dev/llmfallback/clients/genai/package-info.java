/** Google's GenAI SDK (Gemini API), classified against a fake Gemini. */
package dev.llmfallback.clients.genai;
