package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.llmfallback.Attempt.Outcome;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hangs, the failure a fallback chain that only reacts to exceptions cannot handle: a real HTTP client
 * against a server that never answers, a thousand concurrent callers, virtual-thread callers.
 */
class HangingProvidersTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Accepts connections on 127.0.0.1 and never writes a byte; closes them all when closed. */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        final Thread acceptor = new Thread(this::acceptForever, "silent-server");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void acceptForever() {
            try {
                while (!socket.isClosed()) {
                    accepted.add(socket.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/messages");
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket open : accepted) {
                open.close();
            }
        }
    }

    /*
     * How soon after the timeout the next provider answers is measured in fallback-benchmarks (OutageBenchmark),
     * not here: a wall-clock upper bound fails on a loaded machine. What holds on any machine is asserted: the
     * hang never answers, the attempt is cut at its timeout and not before, and the chain does not hang.
     */
    @Test
    @Timeout(30)
    public void serverThatNeverAnswers_nextProviderAnswersAfterTheTimeout() throws Exception {
        long timeoutMs = 200;
        HttpClient http = HttpClient.newHttpClient();
        try (SilentServer server = new SilentServer()) {
            HttpRequest request = HttpRequest.newBuilder(server.uri()).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                    .provider("anthropic", prompt -> http.send(request, HttpResponse.BodyHandlers.ofString()).body(),
                            Duration.ofMillis(timeoutMs))
                    .provider("openai", prompt -> "from openai")
                    .build();
            chain.run("warm-up: class loading and the first connection are not what is measured");

            long[] tookMs = new long[5];
            for (int i = 0; i < tookMs.length; i++) {
                long start = System.nanoTime();
                assertThat(chain.run("prompt")).isEqualTo("from openai");
                tookMs[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(FallbackTrace.current().attempts()).extracting(Attempt::outcome)
                        .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
            }
            Arrays.sort(tookMs);
            assertThat(tookMs[0]).as("no answer before the timeout").isGreaterThanOrEqualTo(timeoutMs - 5);
            assertThat(FallbackTrace.current().attempts().get(0).duration())
                    .as("the hanging attempt ends at its timeout").isGreaterThanOrEqualTo(Duration.ofMillis(timeoutMs));
        }
    }

    @Test
    public void thousandConcurrentChains_primaryHangs_everyCallAnsweredBySecondary() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger primaryStarted = new AtomicInteger();
        AtomicInteger lateAnswers = new AtomicInteger();
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("primary", prompt -> {
                    primaryStarted.incrementAndGet();
                    // Like a blocking read that ignores interrupts: it ends only when the test says so.
                    while (release.getCount() > 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                    lateAnswers.incrementAndGet();
                    return "late primary";
                }, Duration.ofMillis(200))
                .asyncProvider("secondary", prompt -> CompletableFuture.completedFuture("secondary " + prompt))
                .build();
        warmUpTimedMachinery();
        int baseline = settledThreadCount();

        int calls = 1_000;
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            answers.add(chain.runAsync("#" + i));
        }
        for (int i = 0; i < calls; i++) {
            assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("secondary #" + i);
            assertThat(FallbackTrace.of(answers.get(i)).attempts()).extracting(Attempt::outcome)
                    .containsExactly(Outcome.TIMED_OUT, Outcome.SUCCEEDED);
        }
        assertThat(lateAnswers.get()).as("no primary answered in time").isZero();

        release.countDown();
        awaitCondition(() -> lateAnswers.get() == primaryStarted.get(), "every started primary finished late");
        for (int i = 0; i < calls; i++) {
            assertThat(answers.get(i).join()).as("late primary answers are discarded").isEqualTo("secondary #" + i);
            assertThat(FallbackTrace.of(answers.get(i)).attempts()).hasSize(2);
        }
        awaitCondition(() -> THREADS.getThreadCount() <= baseline,
                "live threads back to " + baseline + " (now " + THREADS.getThreadCount() + ")");
    }

    @Test
    public void virtualThreadCallers_timedChains_createNoPlatformThreadPerCall() throws Exception {
        assumeThat(Runtime.version().feature()).as("virtual threads").isGreaterThanOrEqualTo(21);
        FallbackChain<String, String> chain = FallbackChain.<String, String>builder()
                .provider("primary", prompt -> {
                    Thread.sleep(20);
                    return "primary " + prompt;
                }, Duration.ofSeconds(5))
                .provider("secondary", prompt -> "secondary")
                .deadline(Duration.ofSeconds(10))
                .build();
        warmUpTimedMachinery();
        int baseline = settledThreadCount();
        THREADS.resetPeakThreadCount();

        int calls = 2_000;
        ExecutorService callers = callerThreads(calls);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                String prompt = "#" + i;
                answers.add(callers.submit(() -> chain.run(prompt)));
            }
            for (int i = 0; i < calls; i++) {
                assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("primary #" + i);
            }
        } finally {
            callers.shutdown();
            assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(THREADS.getPeakThreadCount()).as("peak platform threads for %d timed calls", calls)
                .isLessThan(baseline + 32);
    }

    /** Virtual threads where the JDK has them (the case the engine must not pin), else platform threads. */
    private static ExecutorService callerThreads(int count) {
        try {
            return (ExecutorService) MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)).invoke();
        } catch (Throwable beforeJdk21) {
            return Executors.newFixedThreadPool(count);
        }
    }

    private static void warmUpTimedMachinery() throws Exception {
        FallbackChain<String, String> warmUp = FallbackChain.<String, String>builder()
                .asyncProvider("a", p -> new CompletableFuture<String>(), null, Duration.ofMillis(1))
                .provider("b", p -> p, Duration.ofSeconds(1))
                .build();
        assertThat(warmUp.runAsync("x").get(10, TimeUnit.SECONDS)).isEqualTo("x");
    }

    /** The thread count once idle worker threads from earlier tests have ended (they idle out after 2 s). */
    private static int settledThreadCount() throws InterruptedException {
        int previous = -1;
        int current = THREADS.getThreadCount();
        for (int round = 0; round < 40 && current != previous; round++) {
            previous = current;
            Thread.sleep(100);
            current = THREADS.getThreadCount();
        }
        return current;
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
