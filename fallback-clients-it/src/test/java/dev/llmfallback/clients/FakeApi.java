package dev.llmfallback.clients;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A MockWebServer on 127.0.0.1 that answers every request one way, in one provider's {@link Wire} format:
 * the answer, an error case, a hang (the request is read and never answered), or, for
 * {@link Case#REFUSED}, nothing at all (the port is closed before the client connects). For the providers
 * fallback-examples' {@code FakeProvider} does not speak. Thread-safe; closing ends hanging requests.
 */
final class FakeApi implements Fake {

    static final String ANSWER_TEXT = "[fake] Providers go down.";

    static {
        Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
    }

    private final Wire wire;
    private final Case failure;
    private final AtomicInteger requests = new AtomicInteger();
    private final MockWebServer server = new MockWebServer();
    private final int port;

    private FakeApi(Wire wire, Case failure) {
        this.wire = wire;
        this.failure = failure;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return respond(request);
            }
        });
        try {
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        port = server.getPort();
        if (failure == Case.REFUSED) {
            server.close();
        }
    }

    /** A server that answers every request. */
    static FakeApi answering(Wire wire) {
        return new FakeApi(wire, null);
    }

    /** A server that fails every request with {@code failure}. */
    static FakeApi failing(Wire wire, Case failure) {
        return new FakeApi(wire, failure);
    }

    @Override
    public String root() {
        return Fake.root(port);
    }

    @Override
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse respond(RecordedRequest request) {
        requests.incrementAndGet();
        String rejected = wire.rejects(request);
        if (rejected != null) {
            return new MockResponse.Builder().code(404).addHeader("content-type", "text/plain")
                    .body("fake " + wire + " does not serve this request: " + rejected).build();
        }
        if (failure == null) {
            return wire.answer(ANSWER_TEXT);
        }
        if (failure == Case.HANG) {
            return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
        }
        return wire.error(failure);
    }
}
