package dev.llmfallback.examples.demo;

import dev.llmfallback.ProviderHealth;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Plays an {@link Incident} against the two fake providers, for either mode of the demo: switches the fakes'
 * behaviour at each phase (printing its banner), sends the incident's requests at its steady rate from a
 * pool of caller threads, whatever their latency, and prints one line per request when it is over. Provider
 * health starts and ends reset; the requests that probed a cooling provider are noted on the way.
 */
final class Replay {

    /** Serves one request of the demo. */
    @FunctionalInterface
    interface Request {
        /**
         * Serves request {@code number}, on the calling thread, and says how it went.
         *
         * @param number 1-based, in order of sending
         * @param sentAt when it was sent, from the start of the incident
         * @param text   the text to summarise
         * @param probed filled, during the call, with the providers this request probed
         * @return the request, once over
         */
        Served serve(int number, Duration sentAt, String text, Set<String> probed);
    }

    /**
     * What a replay produced.
     *
     * @param served  every request, in order of completion
     * @param elapsed from the first request sent to the last one over
     */
    record Result(List<Served> served, Duration elapsed) {
    }

    static final String[] TEXTS = {
        "Providers go down. When the primary LLM provider is rate-limited or overloaded, an application that "
                + "calls only that provider fails with it. A second provider, or a small local model, could "
                + "still have answered. That is the problem a fallback chain solves.",
        "The status page says all systems are operational. Meanwhile requests time out after ten minutes, "
                + "because nobody set a timeout. Users retry, which makes the overload worse. A per-attempt "
                + "timeout and a second provider would have kept the feature alive.",
        "Rate limits are per organisation and per model. A burst of traffic exhausts them within seconds, "
                + "and the provider answers 429 with a retry-after header. Waiting is one option; asking "
                + "another provider is usually the faster one.",
    };

    private static final int CALLERS = 32;

    /** The providers the request served on this thread probed. */
    private static final ThreadLocal<Set<String>> PROBED = new ThreadLocal<>();

    private Replay() {
    }

    /**
     * Plays {@code incident}: the caller has printed its introduction and warmed up.
     *
     * @param incident  the script
     * @param console   where the banners and lines go
     * @param header    the column header above the lines
     * @param anthropic the fake Anthropic, switched phase by phase
     * @param openAi    the fake OpenAI, likewise
     * @param request   serves each request
     * @param line      the printed line of a request once it is over
     * @return every request, and how long the replay took
     * @throws InterruptedException if interrupted while waiting for requests
     */
    static Result play(Incident incident, Console console, String header, FakeProvider anthropic, FakeProvider openAi,
                       Request request, Function<Served, String> line) throws InterruptedException {
        ProviderHealth.shared().resetAll();
        AutoCloseable probes = ProviderHealth.shared().onTransition(Replay::noteProbe);
        ConcurrentLinkedQueue<Served> done = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("demo-clock"));
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS, daemon("demo-caller"));
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        console.println("");
        console.println(console.paint(header, Console.Colour.DIM));
        long start = System.nanoTime();
        try {
            // Phases are scheduled before requests, so a phase that starts when a request is sent comes first.
            for (Incident.Phase phase : incident.phases()) {
                clock.schedule(() -> {
                    anthropic.behave(phase.anthropic());
                    openAi.behave(phase.openAi());
                    console.println(banner(console, phase));
                }, phase.at().toNanos(), TimeUnit.NANOSECONDS);
            }
            for (int i = 0; i < incident.requests(); i++) {
                int number = i + 1;
                Duration due = incident.interval().multipliedBy(i);
                CompletableFuture<Void> sent = new CompletableFuture<>();
                requests.add(sent);
                clock.schedule(() -> callers.execute(() -> {
                    try {
                        Served result = serve(request, number, start, TEXTS[number % TEXTS.length]);
                        done.add(result);
                        console.println(line.apply(result));
                    } finally {
                        sent.complete(null);
                    }
                }), due.toNanos(), TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(requests.toArray(new CompletableFuture<?>[0])).join();
        } finally {
            clock.shutdownNow();
            callers.shutdownNow();
            closeQuietly(probes);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ProviderHealth.shared().resetAll();
        return new Result(new ArrayList<>(done), elapsed);
    }

    private static Served serve(Request request, int number, long incidentStart, String text) {
        Set<String> probed = new HashSet<>();
        PROBED.set(probed);
        try {
            return request.serve(number, Duration.ofNanos(System.nanoTime() - incidentStart), text, probed);
        } finally {
            PROBED.remove();
        }
    }

    // A chain lets a probe through on the thread that calls it, and the transition to PROBING is reported on
    // that thread: so the request being served on this thread is the probe.
    private static void noteProbe(ProviderHealth.Transition transition) {
        Set<String> probed = PROBED.get();
        if (probed != null && transition.to() == ProviderHealth.Status.PROBING) {
            probed.add(transition.provider());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Unregistering a listener does not fail; nothing to report at the end of the demo.
        }
    }

    static String banner(Console console, Incident.Phase phase) {
        return console.paint(console.rule(2) + " " + Report.seconds(phase.at()) + "  " + phase.headline() + " "
                + console.rule(2), Console.Colour.BOLD);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
