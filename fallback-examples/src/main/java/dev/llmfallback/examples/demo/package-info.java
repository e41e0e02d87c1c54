/**
 * The outage demo: SPEC §1's incident replayed against local fake providers, through the real SDKs, with
 * {@link dev.llmfallback.examples.sdk.Summarizer} woven by the java agent. See docs/DEMO.md.
 */
package dev.llmfallback.examples.demo;
