package dev.llmfallback.spring;

import dev.llmfallback.tck.stream.StreamingContract;

/**
 * The TCK's streaming contract (annotated heads over both SDKs' real streaming clients against the fake servers)
 * through class-based Spring proxies carrying {@link LlmFallbackAdvisor}, with no agent and no AspectJ: the
 * advisor reaches the streaming chain through the same weaving ABI as the other doors.
 */
class SpringStreamingBehaviourTest extends StreamingContract {

    @Override
    protected <T> T through(T fixture) {
        return SpringProxyDoor.proxied(fixture);
    }
}
