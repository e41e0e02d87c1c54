package dev.llmfallback.spring;

import dev.llmfallback.tck.FrontDoor;
import dev.llmfallback.tck.ProviderHealthContract;

/**
 * The behaviour contract every front door passes (chains, predicates, timeouts, deadlines, async heads, provider
 * health), run through Spring proxies carrying {@link LlmFallbackAdvisor}, with no agent and no AspectJ.
 */
class SpringAopBehaviourTest extends ProviderHealthContract {

    private final FrontDoor door = new SpringProxyDoor();

    @Override
    protected FrontDoor door() {
        return door;
    }
}
