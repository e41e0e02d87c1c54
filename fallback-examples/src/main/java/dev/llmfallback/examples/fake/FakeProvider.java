package dev.llmfallback.examples.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.net.ServerSocketFactory;
import okio.BufferedSink;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A local stand-in for a provider's HTTP API, for tests and the demo: an OkHttp {@link MockWebServer} on
 * 127.0.0.1 and an ephemeral port, speaking the provider's real wire format. Point the provider's official
 * SDK at {@link #baseUrl()}.
 *
 * <ul>
 *   <li>{@link #anthropic()}: Anthropic Messages, {@code POST /v1/messages}; requires an {@code x-api-key}
 *       (any value) and an {@code anthropic-version} header, as the real API does. Errors are
 *       {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":...}}
 *       with a {@code request-id} header.</li>
 *   <li>{@link #openAi()}: OpenAI Chat Completions, {@code POST /v1/chat/completions}; requires
 *       {@code Authorization: Bearer} (any key). Errors are
 *       {@code {"error":{"message":...,"type":...,"param":...,"code":...}}} with an {@code x-request-id}
 *       header.</li>
 * </ul>
 *
 * <p>A streaming request ({@code "stream": true}, the SDKs' {@code createStreaming}) that is answered gets the
 * answer as the provider streams it ({@code text/event-stream}): its preamble (Anthropic {@code message_start}
 * and {@code ping}; OpenAI a role-only chunk), one text delta per word, and its end. A
 * {@link Behaviour#streamError(int)} answers 200 with a stream that begins and then carries the provider's
 * in-stream error event; {@link Behaviour#streamErrorAfter(int, int)} sends some text deltas first.
 *
 * <p>Each request is answered by the next behaviour of the script ({@link #enqueue}), or, when the script is
 * empty, by the standing behaviour ({@link #behave}; initially {@link Behaviour#answer()}). A request to
 * another path, or without credentials, gets the provider's own 404 or 401 and consumes nothing. An answer
 * is {@code [fake <provider>]} followed by the first sentence of the last user message, and echoes the
 * requested model.
 *
 * <p>Thread-safe: requests are served concurrently, and the behaviour may be changed at any time. Closing
 * stops the server, which also ends every hanging request.
 */
public final class FakeProvider implements AutoCloseable {

    // MockWebServer logs every request at INFO; the demo's output is its own.
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    }

    private static final int ANSWER_WORDS = 24;
    private static final long KEEP_ALIVE_MILLIS = 20;

    private final Dialect dialect;
    private final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger openStreams = new AtomicInteger();
    /** Released when the server closes, ending every stalled stream. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private final int port;

    private volatile Behaviour standing;
    private volatile String lastRequestBody = "";
    // Guarded by lifecycle; null while refusing connections or once closed.
    private MockWebServer server;
    private boolean closed;

    private FakeProvider(Dialect dialect, Behaviour standing) {
        this.dialect = dialect;
        this.standing = Behaviour.answer();
        MockWebServer first = start(0);
        this.port = first.getPort();
        synchronized (lifecycle) {
            server = first;
        }
        behave(standing);
    }

    /**
     * Starts a fake Anthropic Messages API that answers every request.
     *
     * @return the running server
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FakeProvider anthropic() {
        return anthropic(Behaviour.answer());
    }

    /**
     * Starts a fake Anthropic Messages API with a standing behaviour.
     *
     * @param standing what every request gets until changed
     * @return the running server
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FakeProvider anthropic(Behaviour standing) {
        return new FakeProvider(Dialect.ANTHROPIC, standing);
    }

    /**
     * Starts a fake OpenAI Chat Completions API that answers every request.
     *
     * @return the running server
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FakeProvider openAi() {
        return openAi(Behaviour.answer());
    }

    /**
     * Starts a fake OpenAI Chat Completions API with a standing behaviour.
     *
     * @param standing what every request gets until changed
     * @return the running server
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FakeProvider openAi(Behaviour standing) {
        return new FakeProvider(Dialect.OPENAI, standing);
    }

    /**
     * Starts a fake OpenAI Responses API ({@code POST /v1/responses}, what openai-java's
     * {@code client.responses()} calls) with a standing behaviour; streams are the Responses API's named events.
     *
     * @param standing what every request gets until changed
     * @return the running server
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FakeProvider openAiResponses(Behaviour standing) {
        return new FakeProvider(Dialect.OPENAI_RESPONSES, standing);
    }

    /**
     * Sets what every request gets once the script is used up. {@link Behaviour#refuse()} stops listening
     * (connections are refused) until another standing behaviour is set, which listens again on the same port.
     *
     * @param behaviour the new standing behaviour
     * @return this server
     * @throws IllegalStateException if the server is closed
     * @throws UncheckedIOException  if the port cannot be bound again after refusing
     */
    public FakeProvider behave(Behaviour behaviour) {
        Objects.requireNonNull(behaviour, "behaviour");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            standing = behaviour;
            if (behaviour.kind() == Behaviour.Kind.REFUSE) {
                if (server != null) {
                    closeQuietly(server);
                    server = null;
                }
            } else if (server == null) {
                server = start(port);
            }
        }
        return this;
    }

    /**
     * Appends one-shot behaviours to the script: the next requests get them, in order, before the standing
     * behaviour applies again.
     *
     * @param behaviours the behaviours, none of them {@link Behaviour#refuse()}
     * @return this server
     * @throws IllegalArgumentException for {@link Behaviour#refuse()}, which only a standing behaviour can be
     */
    public FakeProvider enqueue(Behaviour... behaviours) {
        for (Behaviour behaviour : behaviours) {
            if (behaviour.kind() == Behaviour.Kind.REFUSE) {
                throw new IllegalArgumentException("refuse is a standing behaviour (behave(refuse())): a refused "
                        + "connection never reaches a script");
            }
        }
        script.addAll(Arrays.asList(behaviours));
        return this;
    }

    /**
     * The base URL to give the provider's SDK: {@code http://127.0.0.1:PORT} for Anthropic,
     * {@code http://127.0.0.1:PORT/v1} for OpenAI. Stable for the server's life, refusing or not.
     *
     * @return the base URL
     */
    public String baseUrl() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + dialect.baseUrlSuffix();
    }

    /**
     * The provider this server stands in for: {@code anthropic} or {@code openai}.
     *
     * @return the provider's name
     */
    public String name() {
        return dialect.providerName();
    }

    /**
     * The loopback port this server listens on (or refuses connections on).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The standing behaviour.
     *
     * @return the behaviour every request gets once the script is used up
     */
    public Behaviour standing() {
        return standing;
    }

    /**
     * How many requests reached the server (refused connections are not requests).
     *
     * @return the count
     */
    public int requestCount() {
        return requests.get();
    }

    /**
     * The body of the last request that reached the server, as sent (the provider's request JSON), for tests
     * that check what a client sent (model name, options).
     *
     * @return the body, or {@code ""} before the first request
     */
    public String lastRequestBody() {
        return lastRequestBody;
    }

    /** Stops the server: hanging requests end, and the port refuses connections. Idempotent. */
    @Override
    public void close() {
        closing.countDown();
        synchronized (lifecycle) {
            closed = true;
            if (server != null) {
                closeQuietly(server);
                server = null;
            }
        }
    }

    /**
     * How many {@link Behaviour#streamStall()} streams are still open: sent, and not yet closed by the client
     * (the server notices a client's close at its next keep-alive line, within tens of milliseconds).
     *
     * @return the count
     */
    public int openStreams() {
        return openStreams.get();
    }

    /**
     * Waits until no {@link Behaviour#streamStall()} stream is open any more ({@link #openStreams()} is 0): the
     * server notices a client's close at its next keep-alive line, tens of milliseconds after the close.
     *
     * @param timeout the longest to wait
     * @return the number of streams still open: 0, unless the timeout ran out
     * @throws InterruptedException if interrupted while waiting
     */
    public int awaitNoOpenStreams(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (openStreams) {
            long left;
            while (openStreams.get() > 0 && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(openStreams, left);
            }
        }
        return openStreams.get();
    }

    @Override
    public String toString() {
        return "FakeProvider[" + dialect.providerName() + " on " + baseUrl() + "]";
    }

    private MockWebServer start(int requestedPort) {
        MockWebServer started = new MockWebServer();
        started.setServerSocketFactory(new ResettingServerSocketFactory());
        started.setDispatcher(new ScriptDispatcher());
        try {
            started.start(InetAddress.getLoopbackAddress(), requestedPort);
        } catch (IOException e) {
            closeQuietly(started);
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
        }
        return started;
    }

    private static void closeQuietly(MockWebServer toClose) {
        toClose.close();
    }

    private MockResponse respond(RecordedRequest request) {
        long id = sequence.incrementAndGet();
        requests.incrementAndGet();
        Map<String, String> headers = new HashMap<>();
        for (String name : request.getHeaders().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeaders().get(name));
        }
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !dialect.path().equals(path)) {
            return error(id, 404, "unknown", "Not found: " + request.getMethod() + " " + path, Duration.ZERO);
        }
        String missingCredentials = dialect.missingCredentials(headers);
        if (missingCredentials != null) {
            return error(id, 401, "unknown", missingCredentials, Duration.ZERO);
        }
        String missingVersion = dialect.missingVersion(headers);
        if (missingVersion != null) {
            return error(id, 400, "unknown", missingVersion, Duration.ZERO);
        }
        JsonNode body;
        String raw = request.getBody() == null ? "" : request.getBody().utf8();
        lastRequestBody = raw;
        try {
            body = Dialect.JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return error(id, 400, "unknown", "The request body is not valid JSON.", Duration.ZERO);
        }
        String model = body.path("model").asText("unknown");

        Behaviour behaviour = script.poll();
        if (behaviour == null) {
            behaviour = standing;
        }
        switch (behaviour.kind()) {
            case ANSWER:
                if (body.path("stream").asBoolean(false)) {
                    return streamAnswer(id, model, Dialect.lastUserText(body), behaviour.latency());
                }
                return answer(id, model, Dialect.lastUserText(body), behaviour.latency());
            case ERROR:
                return error(id, behaviour.status().getAsInt(), model, null,
                        behaviour.retryAfter().orElse(Duration.ZERO));
            case STREAM_ERROR:
                return streamError(id, behaviour.streamErrorStatus().getAsInt(), behaviour.deltasBeforeError(), model,
                        Dialect.lastUserText(body));
            case STREAM_STALL:
                return streamStall(id, model, Dialect.lastUserText(body));
            case HANG:
                return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
            case RESET:
            case REFUSE: // a request already accepted when the server began refusing: drop it like a reset
            default:
                return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false))
                        .build();
        }
    }

    private MockResponse answer(long id, String model, String prompt, Duration latency) {
        String text = answerText(prompt);
        MockResponse.Builder response = new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(dialect.successBody(id, model, text, words(prompt), words(text)))
                .headersDelay(latency.toNanos(), TimeUnit.NANOSECONDS);
        dialect.successHeaders(id, latency).forEach(response::addHeader);
        return response.build();
    }

    private MockResponse error(long id, int status, String model, String detail, Duration retryAfter) {
        MockResponse.Builder response = new MockResponse.Builder().code(status);
        if (status == 502) {
            response.addHeader("content-type", "text/html").body(Dialect.BAD_GATEWAY_HTML);
        } else {
            response.addHeader("content-type", "application/json")
                    .body(dialect.errorBody(id, status, model, detail));
            dialect.errorHeaders(id, status, retryAfter).forEach(response::addHeader);
        }
        return response.build();
    }

    private MockResponse streamError(long id, int status, int deltas, String model, String prompt) {
        List<String> pieces = pieces(answerText(prompt));
        String text = deltas == 0 ? "" : dialect.streamText(id, model, pieces.subList(0, Math.min(deltas, pieces.size())));
        return stream(id, Duration.ZERO, dialect.streamStart(id, model, words(prompt)) + text
                + dialect.streamError(id, status, model));
    }

    private MockResponse streamAnswer(long id, String model, String prompt, Duration latency) {
        String answer = answerText(prompt);
        return stream(id, latency, dialect.streamStart(id, model, words(prompt))
                + dialect.streamText(id, model, pieces(answer)) + dialect.streamEnd(id, model, words(answer)));
    }

    private MockResponse streamStall(long id, String model, String prompt) {
        MockResponse.Builder response = new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream; charset=utf-8")
                .addHeader("cache-control", "no-cache")
                .body(new StalledBody(dialect.streamStart(id, model, words(prompt))));
        dialect.successHeaders(id, Duration.ZERO).forEach(response::addHeader);
        return response.build();
    }

    /**
     * A stream body that sends the preamble and then only SSE comment lines (which clients ignore) every
     * {@link #KEEP_ALIVE_MILLIS}, until the server closes or a write fails because the client closed the
     * stream: so that {@link #openStreams()} sees the client hang up.
     */
    private final class StalledBody implements MockResponseBody {
        private final String preamble;

        StalledBody(String preamble) {
            this.preamble = preamble;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            openStreams.incrementAndGet();
            try {
                sink.writeUtf8(preamble).flush();
                while (!closing.await(KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS)) {
                    sink.writeUtf8(": keep-alive\n\n").flush();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                openStreams.decrementAndGet();
                synchronized (openStreams) {
                    openStreams.notifyAll();
                }
            }
        }
    }

    private MockResponse stream(long id, Duration latency, String events) {
        MockResponse.Builder response = new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream; charset=utf-8")
                .addHeader("cache-control", "no-cache")
                .body(events)
                .headersDelay(latency.toNanos(), TimeUnit.NANOSECONDS);
        dialect.successHeaders(id, latency).forEach(response::addHeader);
        return response.build();
    }

    private String answerText(String prompt) {
        return "[fake " + dialect.providerName() + "] " + firstSentence(prompt);
    }

    /** The answer as the text deltas a model streams: one word each, with the space before it. */
    private static List<String> pieces(String answer) {
        String[] words = answer.split(" ");
        List<String> pieces = new java.util.ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            pieces.add(i == 0 ? words[i] : " " + words[i]);
        }
        return pieces;
    }

    private static String firstSentence(String text) {
        String sentence = text.strip().split("(?<=[.!?])\\s+", 2)[0];
        return Arrays.stream(sentence.split("\\s+")).limit(ANSWER_WORDS).collect(Collectors.joining(" "));
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    private final class ScriptDispatcher extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            return respond(request);
        }
    }

    /**
     * Server sockets whose accepted connections close with SO_LINGER 0, so that closing one sends a TCP RST:
     * {@link Behaviour#reset()} is a real "connection reset", not an orderly end of stream. They also send
     * without Nagle's algorithm (TCP_NODELAY), as providers' front ends do: with it, the response written in
     * two parts waited for the client's delayed ACK, adding ~45 ms on loopback to every answer.
     */
    private static final class ResettingServerSocketFactory extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ResettingServerSocket();
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = createServerSocket();
            socket.bind(new java.net.InetSocketAddress(port));
            return socket;
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            ServerSocket socket = createServerSocket();
            socket.bind(new java.net.InetSocketAddress(port), backlog);
            return socket;
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            ServerSocket socket = createServerSocket();
            socket.bind(new java.net.InetSocketAddress(address, port), backlog);
            return socket;
        }
    }

    private static final class ResettingServerSocket extends ServerSocket {
        ResettingServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setSoLinger(true, 0);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
