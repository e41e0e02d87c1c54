package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.anthropic.errors.AnthropicIoException;
import com.openai.errors.OpenAIIoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailuresTest {

    // ---------------------------------------------------------------------------------------------------
    // Status code: shapes of the real SDKs

    @Test
    void status529_onOverloadedShapedException_isRead() {
        assertThat(Failures.statusCode(new OverloadedException(Headers.none()))).hasValue(529);
    }

    @Test
    void status_onAnthropicShapedSubclass_isReadThroughTheOverriddenAccessor() {
        assertThat(Failures.statusCode(new InternalServerException(503, Headers.none()))).hasValue(503);
    }

    static Stream<Arguments> eachAccessorName() {
        return Stream.of(
                accessor("statusCode()", StatusCodeAccessor::new),
                accessor("getStatusCode()", GetStatusCodeAccessor::new),
                accessor("status() returning Integer", StatusAccessor::new),
                accessor("getStatus()", GetStatusAccessor::new),
                accessor("getRawStatusCode()", GetRawStatusCodeAccessor::new),
                accessor("code()", CodeAccessor::new));
    }

    private static Arguments accessor(String name, IntFunction<RuntimeException> shape) {
        return Arguments.of(Named.of(name, shape));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachAccessorName")
    void status_isRead_fromEachAccessorName(IntFunction<RuntimeException> shape) {
        assertThat(Failures.statusCode(shape.apply(502))).hasValue(502);
    }

    @Test
    void status_isRead_fromSpringShapedHttpStatusCodeObject() {
        assertThat(Failures.statusCode(new SpringShapedException(HttpStatusCode.valueOf(503)))).hasValue(503);
    }

    @Test
    void status_isRead_fromSpringFiveShapedHttpStatusEnum() {
        assertThat(Failures.statusCode(new SpringFiveShapedException(HttpStatus.TOO_MANY_REQUESTS))).hasValue(429);
    }

    @Test
    void nullStatusObject_givesNoStatus() {
        assertThat(Failures.statusCode(new SpringShapedException(null))).isEmpty();
    }

    @Test
    void hasStatusCode_isUsed_beforeAnyAccessor() {
        assertThat(Failures.statusCode(new OwnStatusException(429))).hasValue(429);
    }

    @Test
    void openAiShapedOptionalStringCode_isIgnored_andStatusCodeIsRead() {
        assertThat(Failures.statusCode(new OpenAiShapedException(429, "rate_limit_exceeded"))).hasValue(429);
        // the error code stands for a status only where the status accessors give no failure status
        assertThat(Failures.statusCode(new OpenAiShapedException(503, "rate_limit_exceeded"))).hasValue(503);
    }

    @Test
    void onlyWrongTypedAccessors_giveNoStatus() {
        assertThat(Failures.statusCode(new WrongTypedAccessors())).isEmpty();
    }

    @Test
    void wrongTypedAccessor_isPassedOver_forALaterAccessorOfTheRightType() {
        assertThat(Failures.statusCode(new StringStatusIntCode(418))).hasValue(418);
    }

    @Test
    void staticAccessor_isIgnored() {
        assertThat(Failures.statusCode(new StaticStatusCode())).isEmpty();
    }

    @Test
    void nullInteger_givesNoStatus() {
        assertThat(Failures.statusCode(new StatusAccessor(null))).isEmpty();
    }

    @Test
    void throwingAccessor_givesNoStatus_insteadOfThrowing() {
        assertThat(Failures.statusCode(new ThrowingAccessor())).isEmpty();
        assertThat(Failures.isRetryable(new ThrowingAccessor())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 99, 100, 200, 304, 399, 1000, Integer.MAX_VALUE})
    void valuesOutside400To999_giveNoStatus(int value) {
        assertThat(Failures.statusCode(new StatusCodeAccessor(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 529, 999})
    void valuesFrom400To999_areStatuses(int value) {
        assertThat(Failures.statusCode(new StatusCodeAccessor(value))).hasValue(value);
    }

    @Test
    void statusBelow400_isNoFailureStatus_andTheCauseIsAskedInstead() {
        // the 200 of a stream that failed after it began, around the 503 of the request behind it
        Throwable failure = new StatusCodeAccessor(200, new StatusCodeAccessor(503));

        assertThat(Failures.statusCode(failure)).hasValue(503);
    }

    @Test
    void status_isRead_fromPublicAccessorOfANonPublicClass() {
        assertThat(Failures.statusCode(new HiddenStatusException(503))).hasValue(503);
    }

    @Test
    void status_isRead_fromPublicSubclassOfAPackagePrivateDeclaringClass() {
        assertThat(Failures.statusCode(new PublicSubclassOfHiddenBase(504))).hasValue(504);
    }

    @Test
    void status_isRead_throughAPublicInterface_whenTheClassIsNotPublic() {
        assertThat(Failures.statusCode(new HiddenClassWithPublicInterface(409))).hasValue(409);
    }

    @Test
    void repeatedReads_ofOneClass_giveEachInstancesOwnStatus() {
        assertThat(Failures.statusCode(new StatusCodeAccessor(429))).hasValue(429);
        assertThat(Failures.statusCode(new StatusCodeAccessor(500))).hasValue(500);
        assertThat(Failures.statusCode(new StatusCodeAccessor(429))).hasValue(429);
    }

    // ---------------------------------------------------------------------------------------------------
    // The cause chain

    @Test
    void status_twoLevelsDown_isFound() {
        Throwable failure = new RuntimeException("outer",
                new IllegalStateException("middle", new StatusCodeAccessor(429)));

        assertThat(Failures.statusCode(failure)).hasValue(429);
    }

    @Test
    void firstLinkWithAStatus_wins() {
        Throwable failure = new StatusCodeAccessor(503, new StatusCodeAccessor(429));

        assertThat(Failures.statusCode(failure)).hasValue(503);
    }

    @Test
    void linkWithAnInvalidStatus_isPassedOver_forACauseWithAValidOne() {
        Throwable failure = new StatusCodeAccessor(0, new StatusCodeAccessor(429));

        assertThat(Failures.statusCode(failure)).hasValue(429);
    }

    @Test
    void causeCycle_terminates_andTheStatusInsideItIsFound() {
        RuntimeException outer = new RuntimeException("outer");
        StatusCodeAccessor inner = new StatusCodeAccessor(429, outer);
        outer.initCause(inner);

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(Failures.statusCode(outer)).hasValue(429));
    }

    @Test
    void causeCycle_withNothingToFind_terminates() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertClassifiesAsNothing(first));
    }

    @Test
    void getCauseReturningItself_terminates() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertClassifiesAsNothing(new SelfCausedException()));
    }

    @Test
    void endlessFreshCauses_stopAfter32Links() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            EndlessCauseException failure = new EndlessCauseException();
            EndlessCauseException.created.set(0);

            assertThat(Failures.statusCode(failure)).isEmpty();
            assertThat(EndlessCauseException.created).hasValueLessThanOrEqualTo(32);
            assertClassifiesAsNothing(failure);
        });
    }

    @Test
    void statusOnThe32ndLink_isFound() {
        assertThat(Failures.statusCode(chainWithStatusAtLink(32))).hasValue(429);
    }

    @Test
    void statusOnThe33rdLink_isBeyondTheBound() {
        assertThat(Failures.statusCode(chainWithStatusAtLink(33))).isEmpty();
    }

    @Test
    void throwingGetCause_endsTheChain_insteadOfThrowing() {
        assertClassifiesAsNothing(new ThrowingGetCauseException());
    }

    /** A chain of plain exceptions whose {@code link}-th link (1-based) has status 429. */
    private static Throwable chainWithStatusAtLink(int link) {
        Throwable failure = new StatusCodeAccessor(429);
        for (int i = 1; i < link; i++) {
            failure = new RuntimeException("link " + i, failure);
        }
        return failure;
    }

    // ---------------------------------------------------------------------------------------------------
    // Network failures

    static Stream<Arguments> networkFailures() {
        return Stream.of(
                failure(new ConnectException("Connection refused")),
                failure(new NoRouteToHostException("No route to host")),
                failure(new UnknownHostException("api.anthropic.com")),
                failure(new SocketException("Connection reset")),
                failure(new PortUnreachableException("unreachable")),
                failure(new SSLHandshakeException("Remote host terminated the handshake")),
                failure(new AnthropicIoException("Request failed", null)),
                failure(new OpenAIIoException("Request failed", null)),
                failure(new SubclassOfAnthropicIoException()),
                failure(new UncheckedIOException(new ConnectException("Connection refused"))),
                failure(new RuntimeException("wrapped", new UnknownHostException("api.openai.com"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkFailures")
    void networkFailures_areNetwork_andRetryable(Throwable failure) {
        assertThat(Failures.isNetwork(failure)).isTrue();
        assertThat(Failures.isRetryable(failure)).isTrue();
        assertThat(Failures.statusCode(failure)).isEmpty();
    }

    @Test
    void connectionFailure_isNotATimeout() {
        assertThat(Failures.isTimeout(new ConnectException("Connection refused"))).isFalse();
    }

    @Test
    void otherIoException_isNeitherNetworkNorTimeout() {
        IOException failure = new IOException("disk full");

        assertThat(Failures.isNetwork(failure)).isFalse();
        assertThat(Failures.isTimeout(failure)).isFalse();
        assertThat(Failures.isRetryable(failure)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------
    // Timeouts

    static Stream<Arguments> timeouts() {
        return Stream.of(
                failure(new SocketTimeoutException("Read timed out")),
                failure(new HttpTimeoutException("request timed out")),
                failure(new HttpConnectTimeoutException("HTTP connect timed out")),
                failure(new TimeoutException()),
                failure(new InterruptedIOException("timeout")),
                failure(new AnthropicIoException("Request failed", new InterruptedIOException("timeout"))),
                failure(new OpenAIIoException("Request failed", new InterruptedIOException("timeout"))),
                failure(new ReadTimeoutException()),
                failure(new SlowAnswerException()),
                failure(new RuntimeException("wrapped", new TimeoutException())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeouts")
    void timeouts_areTimeouts_andRetryable(Throwable failure) {
        assertThat(Failures.isTimeout(failure)).isTrue();
        assertThat(Failures.isRetryable(failure)).isTrue();
    }

    @Test
    void sdkIoException_wrappingInterruptedIoTimeout_isBothNetworkAndTimeout() {
        Throwable failure = new AnthropicIoException("Request failed", new InterruptedIOException("timeout"));

        assertThat(Failures.isNetwork(failure)).isTrue();
        assertThat(Failures.isTimeout(failure)).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------
    // isRetryable

    @Test
    void status_decidesAlone_evenOverANetworkCause() {
        Throwable failure = new StatusCodeAccessor(400, new ConnectException("Connection refused"));

        assertThat(Failures.isNetwork(failure)).isTrue();
        assertThat(Failures.isRetryable(failure)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 425, 429, 500, 502, 503, 504, 529, 599})
    void retryableStatuses_areRetryable(int status) {
        assertThat(Failures.isRetryable(new StatusCodeAccessor(status))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 200, 304, 400, 401, 402, 403, 404, 413, 422, 600, 999})
    void otherStatuses_areNotRetryable(int status) {
        assertThat(Failures.isRetryable(new StatusCodeAccessor(status))).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------
    // Nothing to classify

    @Test
    void unclassifiedIllegalStateException_isNothing() {
        assertClassifiesAsNothing(new IllegalStateException("bug in the caller"));
    }

    @Test
    void nullFailure_isNothing() {
        assertClassifiesAsNothing(null);
    }

    private static void assertClassifiesAsNothing(Throwable failure) {
        assertThat(Failures.statusCode(failure)).isEmpty();
        assertThat(Failures.isNetwork(failure)).isFalse();
        assertThat(Failures.isTimeout(failure)).isFalse();
        assertThat(Failures.retryAfter(failure)).isEmpty();
        assertThat(Failures.isRetryable(failure)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------
    // Retry-After

    @Test
    void retryAfterSeconds_isRead() {
        assertThat(Failures.retryAfter(rateLimited("retry-after", "30"))).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterZero_isZero() {
        assertThat(Failures.retryAfter(rateLimited("retry-after", "0"))).hasValue(Duration.ZERO);
    }

    @Test
    void fractionalRetryAfterSeconds_isRead() {
        assertThat(Failures.retryAfter(rateLimited("retry-after", "1.5"))).hasValue(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterWithSurroundingWhitespace_isRead() {
        assertThat(Failures.retryAfter(rateLimited("retry-after", " 7 "))).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterMs_winsOverRetryAfter() {
        Throwable failure = rateLimited("retry-after", "30", "retry-after-ms", "250");

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ofMillis(250));
    }

    @Test
    void fractionalRetryAfterMs_isRead() {
        assertThat(Failures.retryAfter(rateLimited("retry-after-ms", "0.5"))).hasValue(Duration.ofNanos(500_000));
    }

    @Test
    void unreadableRetryAfterMs_fallsBackToRetryAfter() {
        Throwable failure = rateLimited("retry-after", "2", "retry-after-ms", "soon");

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void httpDateInTheFuture_givesTheWaitUntilThen() {
        Throwable failure = rateLimited("retry-after", "Fri, 31 Dec 2100 23:59:59 GMT");

        assertThat(Failures.retryAfter(failure)).hasValueSatisfying(
                wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365L * 50)));
    }

    @Test
    void httpDateInThePast_givesZero() {
        Throwable failure = rateLimited("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT");

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", " ", "-5", "+5", "1e3", "NaN", "Infinity", "0x10", "5s",
        "Mon, 99 Foo 2020 00:00:00 GMT", "99999999999999999999999999999"})
    void unreadableRetryAfter_givesEmpty(String value) {
        assertThat(Failures.retryAfter(rateLimited("retry-after", value))).isEmpty();
    }

    @Test
    void retryAfter_onACause_isFound() {
        Throwable failure = new RuntimeException("wrapped", rateLimited("retry-after", "3"));

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ofSeconds(3));
    }

    @Test
    void retryAfter_isReadFromSpringShapedGetFirst() {
        Throwable failure = new HeadersException(new SpringHttpHeaders(Map.of("Retry-After", "4")));

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ofSeconds(4));
    }

    @Test
    void retryAfter_isReadFromJavaNetHttpHeaders() {
        java.net.http.HttpHeaders headers =
                java.net.http.HttpHeaders.of(Map.of("Retry-After", List.of("5")), (name, value) -> true);

        assertThat(Failures.retryAfter(new ResponseHeadersException(headers))).hasValue(Duration.ofSeconds(5));
    }

    @Test
    void retryAfter_isReadFromCaseSensitiveOkHttpShapedGet_underItsUsualSpelling() {
        Throwable failure = new HeadersException(new CaseSensitiveOkHttpHeaders(Map.of("Retry-After", "6")));

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ofSeconds(6));
    }

    @Test
    void retryAfter_isReadFromAMapOfLists_ignoringCase() {
        Throwable failure = new HeadersException(Map.of("RETRY-after", List.of("8")));

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ofSeconds(8));
    }

    @Test
    void retryAfter_isReadFromAMapOfStrings_ignoringCase() {
        Throwable failure = new HeadersException(Map.of("Retry-After-Ms", "9"));

        assertThat(Failures.retryAfter(failure)).hasValue(Duration.ofMillis(9));
    }

    @Test
    void noRetryAfterHeader_givesEmpty() {
        assertThat(Failures.retryAfter(new OverloadedException(Headers.of("x-request-id", "req_1")))).isEmpty();
    }

    @Test
    void nullHeaders_orUnreadableHeaders_giveEmpty() {
        assertThat(Failures.retryAfter(new HeadersException(null))).isEmpty();
        assertThat(Failures.retryAfter(new HeadersException("retry-after: 5"))).isEmpty();
    }

    @Test
    void throwingHeadersAccessor_givesEmpty_insteadOfThrowing() {
        assertThat(Failures.retryAfter(new ThrowingAccessor())).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------
    // Helpers and shapes of real exceptions

    private static Arguments failure(Throwable failure) {
        return Arguments.of(Named.of(failure.getClass().getSimpleName() + causeSuffix(failure), failure));
    }

    private static String causeSuffix(Throwable failure) {
        return failure.getCause() == null ? "" : " <- " + failure.getCause().getClass().getSimpleName();
    }

    private static RuntimeException rateLimited(String... namesAndValues) {
        return new RateLimitException(Headers.of(namesAndValues));
    }

    /** Shaped like anthropic-java's {@code Headers}: case-insensitive {@code values(String)}. */
    public static final class Headers {

        private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        static Headers none() {
            return of();
        }

        static Headers of(String... namesAndValues) {
            Headers headers = new Headers();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                headers.values.computeIfAbsent(namesAndValues[i], name -> new ArrayList<>()).add(namesAndValues[i + 1]);
            }
            return headers;
        }

        public List<String> values(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    /** Shaped like anthropic-java's {@code AnthropicServiceException}. */
    public abstract static class AnthropicServiceException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Headers headers;

        AnthropicServiceException(Headers headers) {
            super("service error");
            this.headers = headers;
        }

        public abstract int statusCode();

        public Headers headers() {
            return headers;
        }
    }

    public static class InternalServerException extends AnthropicServiceException {

        private static final long serialVersionUID = 1L;

        private final int statusCode;

        InternalServerException(int statusCode, Headers headers) {
            super(headers);
            this.statusCode = statusCode;
        }

        @Override
        public int statusCode() {
            return statusCode;
        }
    }

    /** Shaped like anthropic-java's {@code OverloadedException} (529, a subclass of the 5xx exception). */
    public static final class OverloadedException extends InternalServerException {

        private static final long serialVersionUID = 1L;

        OverloadedException(Headers headers) {
            super(529, headers);
        }
    }

    public static final class RateLimitException extends AnthropicServiceException {

        private static final long serialVersionUID = 1L;

        RateLimitException(Headers headers) {
            super(headers);
        }

        @Override
        public int statusCode() {
            return 429;
        }
    }

    /** Shaped like openai-java's exceptions: {@code int statusCode()} beside {@code Optional<String> code()}. */
    public static final class OpenAiShapedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int statusCode;
        private final String code;

        OpenAiShapedException(int statusCode, String code) {
            this.statusCode = statusCode;
            this.code = code;
        }

        public Optional<String> code() {
            return Optional.ofNullable(code);
        }

        public int statusCode() {
            return statusCode;
        }
    }

    /** Shaped like Spring 6's {@code HttpStatusCode}. */
    public interface HttpStatusCode {

        int value();

        static HttpStatusCode valueOf(int value) {
            return () -> value;
        }
    }

    /** Shaped like Spring 6's {@code RestClientResponseException}. */
    public static final class SpringShapedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient HttpStatusCode status;

        SpringShapedException(HttpStatusCode status) {
            this.status = status;
        }

        public HttpStatusCode getStatusCode() {
            return status;
        }
    }

    /** Shaped like Spring 5's {@code HttpStatus} enum. */
    public enum HttpStatus {
        TOO_MANY_REQUESTS(429);

        private final int value;

        HttpStatus(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }
    }

    public static final class SpringFiveShapedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final HttpStatus status;

        SpringFiveShapedException(HttpStatus status) {
            this.status = status;
        }

        public HttpStatus getStatusCode() {
            return status;
        }
    }

    /** Says 429 through the API's interface, and something else through an accessor the reader must not use. */
    public static final class OwnStatusException extends RuntimeException implements HasStatusCode {

        private static final long serialVersionUID = 1L;

        private final int statusCode;

        OwnStatusException(int statusCode) {
            this.statusCode = statusCode;
        }

        @Override
        public int statusCode() {
            return statusCode;
        }

        public int getStatus() {
            return 500;
        }
    }

    public static class StatusCodeAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        StatusCodeAccessor(int value) {
            this(value, null);
        }

        StatusCodeAccessor(int value, Throwable cause) {
            super("HTTP " + value, cause);
            this.value = value;
        }

        public int statusCode() {
            return value;
        }
    }

    public static final class GetStatusCodeAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        GetStatusCodeAccessor(int value) {
            this.value = value;
        }

        public int getStatusCode() {
            return value;
        }
    }

    public static final class StatusAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Integer value;

        StatusAccessor(Integer value) {
            this.value = value;
        }

        public Integer status() {
            return value;
        }
    }

    public static final class GetStatusAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        GetStatusAccessor(int value) {
            this.value = value;
        }

        public int getStatus() {
            return value;
        }
    }

    public static final class GetRawStatusCodeAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        GetRawStatusCodeAccessor(int value) {
            this.value = value;
        }

        public int getRawStatusCode() {
            return value;
        }
    }

    public static final class CodeAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        CodeAccessor(int value) {
            this.value = value;
        }

        public int code() {
            return value;
        }
    }

    public static final class WrongTypedAccessors extends RuntimeException {

        private static final long serialVersionUID = 1L;

        // An error code, read as such only when it names a kind of error (rate_limit_exceeded would be a 429):
        // this one names none.
        public Optional<String> code() {
            return Optional.of("invalid_api_key");
        }

        public String getStatus() {
            return "429";
        }

        public long status() {
            return 429L;
        }

        public Object statusCode() {
            return 429;
        }
    }

    public static final class StringStatusIntCode extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        StringStatusIntCode(int value) {
            this.value = value;
        }

        public String getStatus() {
            return "I'm a teapot";
        }

        public int code() {
            return value;
        }
    }

    public static final class StaticStatusCode extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public static int statusCode() {
            return 503;
        }
    }

    public static final class ThrowingAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int statusCode() {
            throw new IllegalStateException("no response");
        }

        public Headers headers() {
            throw new IllegalStateException("no response");
        }
    }

    /** Not public: its public accessor is reachable only by making it accessible. */
    private static final class HiddenStatusException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        HiddenStatusException(int value) {
            this.value = value;
        }

        public int statusCode() {
            return value;
        }
    }

    /** Package-private class declaring the public accessor that a public subclass exposes. */
    static class HiddenBase extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int value;

        HiddenBase(int value) {
            this.value = value;
        }

        public int getStatusCode() {
            return value;
        }
    }

    public static final class PublicSubclassOfHiddenBase extends HiddenBase {

        private static final long serialVersionUID = 1L;

        PublicSubclassOfHiddenBase(int value) {
            super(value);
        }
    }

    public interface StatusCarrier {

        int getStatus();
    }

    private static final class HiddenClassWithPublicInterface extends RuntimeException implements StatusCarrier {

        private static final long serialVersionUID = 1L;

        private final int value;

        HiddenClassWithPublicInterface(int value) {
            this.value = value;
        }

        @Override
        public int getStatus() {
            return value;
        }
    }

    public static final class SelfCausedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable getCause() {
            return this;
        }
    }

    public static final class EndlessCauseException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final AtomicInteger created = new AtomicInteger();

        EndlessCauseException() {
            created.incrementAndGet();
        }

        @Override
        public synchronized Throwable getCause() {
            return new EndlessCauseException();
        }
    }

    public static final class ThrowingGetCauseException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("broken getCause");
        }
    }

    public static final class SubclassOfAnthropicIoException extends AnthropicIoException {

        private static final long serialVersionUID = 1L;

        SubclassOfAnthropicIoException() {
            super("Request failed", null);
        }
    }

    /** Some client's own timeout type, recognised by its name. */
    public static class ReadTimeoutException extends RuntimeException {

        private static final long serialVersionUID = 1L;
    }

    /** Recognised by its superclass's name. */
    public static final class SlowAnswerException extends ReadTimeoutException {

        private static final long serialVersionUID = 1L;
    }

    /** Exposes whatever headers object it is given through {@code getHeaders()}. */
    public static final class HeadersException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Object headers;

        HeadersException(Object headers) {
            this.headers = headers;
        }

        public Object getHeaders() {
            return headers;
        }
    }

    public static final class ResponseHeadersException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient java.net.http.HttpHeaders headers;

        ResponseHeadersException(java.net.http.HttpHeaders headers) {
            this.headers = headers;
        }

        public java.net.http.HttpHeaders getResponseHeaders() {
            return headers;
        }
    }

    /** Shaped like Spring's {@code HttpHeaders}: case-insensitive {@code getFirst(String)}. */
    public static final class SpringHttpHeaders {

        private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        SpringHttpHeaders(Map<String, String> values) {
            this.values.putAll(values);
        }

        public String getFirst(String name) {
            return values.get(name);
        }
    }

    /** OkHttp-like {@code get(String)}, but matching names case-sensitively, as a sloppy client might. */
    public static final class CaseSensitiveOkHttpHeaders {

        private final Map<String, String> values;

        CaseSensitiveOkHttpHeaders(Map<String, String> values) {
            this.values = values;
        }

        public String get(String name) {
            return values.get(name);
        }

        @Override
        public String toString() {
            return Arrays.toString(values.keySet().toArray());
        }
    }

    /** Shaped like anthropic-java's HTTP 408 / 504 exceptions: a status, and a name that ends in TimeoutException. */
    static final class GatewayTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public int statusCode() {
            return 504;
        }
    }

    @org.junit.jupiter.api.Test
    void timeoutByName_onlyWithoutAStatus_regressionForAnthropicsHttp408And504() {
        assertThat(Failures.isTimeout(new GatewayTimeoutException())).isFalse();
        assertThat(NetworkErrors.INSTANCE.shouldSkip(new GatewayTimeoutException())).isFalse();
        assertThat(RetryableOnly.INSTANCE.shouldSkip(new GatewayTimeoutException())).isTrue();
        assertThat(Failures.isTimeout(new ReadTimeoutException())).isTrue();
    }
}
