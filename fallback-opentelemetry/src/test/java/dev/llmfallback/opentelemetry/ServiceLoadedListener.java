package dev.llmfallback.opentelemetry;

import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listed in this module's test {@code META-INF/services/dev.llmfallback.FallbackListener}: proves that a listener
 * is found through {@link java.util.ServiceLoader} with no registration in code. Writes down the chains it saw end.
 */
public final class ServiceLoadedListener implements FallbackListener<Void> {

    static final List<String> ENDED = new CopyOnWriteArrayList<>();

    /** Made by the service loader. */
    public ServiceLoadedListener() {
    }

    @Override
    public void chainEnded(Void call, ChainInfo chain, Attempt last, long elapsedNanos, Throwable failure) {
        ENDED.add(chain.name() + " " + (last == null ? "-" : last.outcome()));
    }
}
