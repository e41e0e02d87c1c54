package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicIoException;
import com.openai.errors.OpenAIIoException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInPredicatesTest {

    @ParameterizedTest(name = "HTTP {0}: RetryableOnly={1} RateLimited={2} ServerErrors={3} NetworkErrors={4} "
            + "ProviderFaults={5} Always={6}")
    @CsvSource(textBlock = """
            # status, RetryableOnly, RateLimited, ServerErrors, NetworkErrors, ProviderFaults, Always
            400,      false,         false,       false,        false,         false,          true
            401,      false,         false,       false,        false,         true,           true
            402,      false,         false,       false,        false,         true,           true
            403,      false,         false,       false,        false,         true,           true
            404,      false,         false,       false,        false,         true,           true
            408,      true,          false,       false,        false,         true,           true
            409,      true,          false,       false,        false,         true,           true
            413,      false,         false,       false,        false,         false,          true
            422,      false,         false,       false,        false,         false,          true
            425,      true,          false,       false,        false,         true,           true
            429,      true,          true,        false,        false,         true,           true
            500,      true,          false,       true,         false,         true,           true
            502,      true,          false,       true,         false,         true,           true
            503,      true,          false,       true,         false,         true,           true
            504,      true,          false,       true,         false,         true,           true
            529,      true,          false,       true,         false,         true,           true
            599,      true,          false,       true,         false,         true,           true
            """)
    void eachBuiltIn_decidesByStatus_onTheFailureAndUnderAWrapper(int status, boolean retryableOnly,
            boolean rateLimited, boolean serverErrors, boolean networkErrors, boolean providerFaults,
            boolean always) {
        Throwable failure = new SdkStatusException(status);
        Throwable wrapped = new CompletionException(failure);

        for (Throwable each : new Throwable[] {failure, wrapped}) {
            assertThat(RetryableOnly.INSTANCE.shouldSkip(each)).as("RetryableOnly").isEqualTo(retryableOnly);
            assertThat(RateLimited.INSTANCE.shouldSkip(each)).as("RateLimited").isEqualTo(rateLimited);
            assertThat(ServerErrors.INSTANCE.shouldSkip(each)).as("ServerErrors").isEqualTo(serverErrors);
            assertThat(NetworkErrors.INSTANCE.shouldSkip(each)).as("NetworkErrors").isEqualTo(networkErrors);
            assertThat(ProviderFaults.INSTANCE.shouldSkip(each)).as("ProviderFaults").isEqualTo(providerFaults);
            assertThat(Always.INSTANCE.shouldSkip(each)).as("Always").isEqualTo(always);
        }
    }

    static Stream<Arguments> networkFailuresAndTimeouts() {
        return Stream.of(
                named(new ConnectException("Connection refused")),
                named(new UnknownHostException("api.anthropic.com")),
                named(new SSLHandshakeException("Remote host terminated the handshake")),
                named(new UncheckedIOException(new ConnectException("Connection refused"))),
                named(new AnthropicIoException("Request failed", new InterruptedIOException("timeout"))),
                named(new OpenAIIoException("Request failed", new ConnectException("Connection refused"))),
                named(new SocketTimeoutException("Read timed out")),
                named(new HttpTimeoutException("request timed out")),
                named(new TimeoutException()),
                named(new CompletionException(new TimeoutException())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkFailuresAndTimeouts")
    void networkFailureOrTimeout_movesOnForAllButTheStatusOnlyBuiltIns(Throwable failure) {
        assertThat(RetryableOnly.INSTANCE.shouldSkip(failure)).as("RetryableOnly").isTrue();
        assertThat(RateLimited.INSTANCE.shouldSkip(failure)).as("RateLimited").isFalse();
        assertThat(ServerErrors.INSTANCE.shouldSkip(failure)).as("ServerErrors").isFalse();
        assertThat(NetworkErrors.INSTANCE.shouldSkip(failure)).as("NetworkErrors").isTrue();
        assertThat(ProviderFaults.INSTANCE.shouldSkip(failure)).as("ProviderFaults").isTrue();
        assertThat(Always.INSTANCE.shouldSkip(failure)).as("Always").isTrue();
    }

    static Stream<Arguments> unclassifiedExceptions() {
        return Stream.of(
                named(new IllegalStateException("bug in the caller")),
                named(new IllegalArgumentException("bad prompt template")),
                named(new NullPointerException()),
                named(new Exception("checked")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unclassifiedExceptions")
    void unclassifiedException_movesOnOnlyForAlways(Throwable failure) {
        assertThat(RetryableOnly.INSTANCE.shouldSkip(failure)).as("RetryableOnly").isFalse();
        assertThat(RateLimited.INSTANCE.shouldSkip(failure)).as("RateLimited").isFalse();
        assertThat(ServerErrors.INSTANCE.shouldSkip(failure)).as("ServerErrors").isFalse();
        assertThat(NetworkErrors.INSTANCE.shouldSkip(failure)).as("NetworkErrors").isFalse();
        assertThat(ProviderFaults.INSTANCE.shouldSkip(failure)).as("ProviderFaults").isFalse();
        assertThat(Always.INSTANCE.shouldSkip(failure)).as("Always").isTrue();
    }

    @Test
    void always_doesNotMoveOnForAnError() {
        assertThat(Always.INSTANCE.shouldSkip(new AssertionError("not an Exception"))).isFalse();
    }

    @Test
    void networkErrors_decidesByType_neverByStatus() {
        Throwable statusOverNetworkCause = new SdkStatusException(400, new ConnectException("Connection refused"));

        assertThat(NetworkErrors.INSTANCE.shouldSkip(new SdkStatusException(503))).isFalse();
        assertThat(NetworkErrors.INSTANCE.shouldSkip(statusOverNetworkCause)).isTrue();
        assertThat(RetryableOnly.INSTANCE.shouldSkip(statusOverNetworkCause))
                .as("RetryableOnly lets the status decide alone").isFalse();
    }

    @ParameterizedTest
    @ValueSource(classes = {RetryableOnly.class, RateLimited.class, ServerErrors.class, NetworkErrors.class,
        ProviderFaults.class, Always.class})
    void eachBuiltIn_isAPublicFinalPredicate_withInstanceAndPublicNoArgConstructor(Class<?> type) throws Exception {
        assertThat(Modifier.isPublic(type.getModifiers())).as("public").isTrue();
        assertThat(Modifier.isFinal(type.getModifiers())).as("final").isTrue();
        assertThat(SkipPredicate.class).isAssignableFrom(type);

        Field instance = type.getField("INSTANCE");
        int modifiers = instance.getModifiers();
        assertThat(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers))
                .as("INSTANCE is public static final").isTrue();
        assertThat(instance.getType()).isEqualTo(type);
        assertThat(instance.get(null)).isInstanceOf(type);

        Constructor<?> constructor = type.getConstructor();
        assertThat(Modifier.isPublic(constructor.getModifiers())).as("public constructor").isTrue();
        SkipPredicate created = (SkipPredicate) constructor.newInstance();
        SkipPredicate shared = (SkipPredicate) instance.get(null);
        for (Throwable failure : new Throwable[] {new SdkStatusException(429), new SdkStatusException(401),
            new SdkStatusException(503), new ConnectException("refused"), new IllegalStateException("bug")}) {
            assertThat(created.shouldSkip(failure)).as("a new instance decides as INSTANCE does for %s", failure)
                    .isEqualTo(shared.shouldSkip(failure));
        }
    }

    private static Arguments named(Throwable failure) {
        String cause = failure.getCause() == null ? "" : " <- " + failure.getCause().getClass().getSimpleName();
        return Arguments.of(Named.of(failure.getClass().getSimpleName() + cause, failure));
    }

    /** Shaped like the SDKs' status exceptions: a public {@code int statusCode()}. */
    public static final class SdkStatusException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int statusCode;

        SdkStatusException(int statusCode) {
            this(statusCode, null);
        }

        SdkStatusException(int statusCode, Throwable cause) {
            super("HTTP " + statusCode, cause);
            this.statusCode = statusCode;
        }

        public int statusCode() {
            return statusCode;
        }
    }
}
