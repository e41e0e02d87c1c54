package dev.llmfallback.internal.health.shared;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Says that the store is unreachable: one warning when it goes, then at most one a minute while it stays away,
 * and one line when it is back. What it says of a failure is the store's exception type and message (a store's
 * messages are about connections and keys; no prompt ever reaches a store). Thread-safe.
 */
final class StoreOutageLog {

    static final long EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int LONGEST_MESSAGE = 200;

    private final System.Logger logger;
    private final LongSupplier nanos;
    private final String instance;
    private boolean down;
    private long warnedAt;

    StoreOutageLog(System.Logger logger, LongSupplier nanos, String instance) {
        this.logger = logger;
        this.nanos = nanos;
        this.instance = instance;
    }

    synchronized void failed(String doing, Exception failure) {
        long now = nanos.getAsLong();
        if (down && now - warnedAt < EVERY_NANOS) {
            return;
        }
        down = true;
        warnedAt = now;
        String message = String.valueOf(failure.getMessage());
        if (message.length() > LONGEST_MESSAGE) {
            message = message.substring(0, LONGEST_MESSAGE) + "...";
        }
        logger.log(Level.WARNING, "llm-fallback (instance " + instance + "): the provider health store failed to " + doing + " ("
                + failure.getClass().getName() + ": " + message + "); using this instance's own provider health "
                + "until it answers again (next warning in a minute at the earliest)");
    }

    synchronized void succeeded() {
        if (down) {
            down = false;
            logger.log(Level.INFO, "llm-fallback (instance " + instance + "): the provider health store answers again; sharing resumed");
        }
    }

    synchronized boolean down() {
        return down;
    }
}
