package dev.llmfallback.clients;

import dev.llmfallback.examples.fake.FakeProvider;
import java.net.InetAddress;

/** A running fake provider server on 127.0.0.1, as a client under test sees it. Closing stops it. */
public interface Fake extends AutoCloseable {

    /** {@code http://127.0.0.1:PORT}, with no path: each client adds what its provider's base URL needs. */
    String root();

    /** How many HTTP requests reached the server (a refused connection is none). */
    int requests();

    @Override
    void close();

    /**
     * A host name that never resolves: {@code .invalid} is reserved for that (RFC 2606), and the test JVMs
     * resolve names only from their hosts file.
     */
    String UNRESOLVABLE_HOST = "llm-provider.invalid";

    /** A "server" whose root URL names {@link #UNRESOLVABLE_HOST}: no request ever reaches it. */
    static Fake unresolvable() {
        return new Fake() {
            @Override
            public String root() {
                return "http://" + UNRESOLVABLE_HOST + ":8080";
            }

            @Override
            public int requests() {
                return 0;
            }

            @Override
            public void close() {
                // nothing runs
            }
        };
    }

    /** The root URL of a loopback port. */
    static String root(int port) {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** fallback-examples' OpenAI or Anthropic fake, seen as a {@link Fake}. */
    static Fake of(FakeProvider provider) {
        return new Fake() {
            @Override
            public String root() {
                return Fake.root(provider.port());
            }

            @Override
            public int requests() {
                return provider.requestCount();
            }

            @Override
            public void close() {
                provider.close();
            }
        };
    }
}
