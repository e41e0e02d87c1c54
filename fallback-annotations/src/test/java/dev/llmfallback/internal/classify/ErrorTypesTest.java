package dev.llmfallback.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.ErrorType;
import dev.llmfallback.Failures;
import dev.llmfallback.RetryableOnly;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorTypesTest {

    @ParameterizedTest
    @CsvSource({
        "overloaded_error, 529", "rate_limit_error, 429", "api_error, 500", "timeout_error, 504",
        "invalid_request_error, 400", "authentication_error, 401", "billing_error, 402", "permission_error, 403",
        "not_found_error, 404", "request_too_large, 413", "server_error, 500", "rate_limit_exceeded, 429",
        "insufficient_quota, 429"})
    void knownErrorTypes_standForTheirStatus(String word, int status) {
        assertThat(ErrorTypes.statusOf(new StringType(word))).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "error", "Overloaded_Error", "overloaded_error ", "conflict_error", "tokens", "requests"})
    void otherWords_standForNoStatus(String word) {
        assertThat(ErrorTypes.statusOf(new StringType(word))).isEqualTo(ErrorTypes.NO_STATUS);
    }

    @Test
    void typeIsAskedFirst_thenCode() {
        assertThat(ErrorTypes.statusOf(new TypeAndCode("server_error", "rate_limit_exceeded"))).isEqualTo(500);
        assertThat(ErrorTypes.statusOf(new TypeAndCode("tokens", "rate_limit_exceeded"))).isEqualTo(429);
        assertThat(ErrorTypes.statusOf(new TypeAndCode(null, null))).isEqualTo(ErrorTypes.NO_STATUS);
    }

    // anthropic-java 2.x (which Spring AI 2.0.1 ships, 2.52.0) names the accessor errorType(), not type(): its
    // in-stream SseException (status 200) was judged unclassified, so RetryableOnly stopped on overloaded_error.
    @Test
    void anthropicJava2ErrorTypeAccessor_isRead() {
        Throwable inStream = new ErrorTypeAccessor(ErrorType.OVERLOADED_ERROR);

        assertThat(ErrorTypes.statusOf(inStream)).isEqualTo(529);
        assertThat(Failures.statusCode(inStream)).hasValue(529);
        assertThat(RetryableOnly.INSTANCE.shouldSkip(inStream)).isTrue();
        assertThat(ErrorTypes.isQuotaOrBilling(new ErrorTypeAccessor(ErrorType.BILLING_ERROR))).isTrue();
        assertThat(ErrorTypes.statusOf(new ErrorTypeAccessor(null))).isEqualTo(ErrorTypes.NO_STATUS);
    }

    @Test
    void typeIsPreferredToErrorType() {
        assertThat(ErrorTypes.statusOf(new TypeAndErrorType("rate_limit_error", ErrorType.OVERLOADED_ERROR)))
                .isEqualTo(429);
    }

    @Test
    void accessorsOfOtherTypes_areNotRead() {
        assertThat(ErrorTypes.hasErrorType(IntCode.class)).isFalse();
        assertThat(ErrorTypes.hasErrorType(ObjectType.class)).isFalse();
        assertThat(ErrorTypes.hasErrorType(IllegalStateException.class)).isFalse();
        assertThat(ErrorTypes.statusOf(new ObjectType())).isEqualTo(ErrorTypes.NO_STATUS);
        assertThat(ErrorTypes.statusOf(null)).isEqualTo(ErrorTypes.NO_STATUS);
    }

    @Test
    void quotaAndBillingWords_areTold() {
        assertThat(ErrorTypes.isQuotaOrBilling(new TypeAndCode("requests", "insufficient_quota"))).isTrue();
        assertThat(ErrorTypes.isQuotaOrBilling(new StringType("billing_error"))).isTrue();
        assertThat(ErrorTypes.isQuotaOrBilling(new TypeAndCode("tokens", "rate_limit_exceeded"))).isFalse();
        assertThat(ErrorTypes.isQuotaOrBilling(new IllegalStateException())).isFalse();
        assertThat(ErrorTypes.isQuotaOrBilling(null)).isFalse();
    }

    @Test
    void throwingAccessor_isNoErrorType_andDoesNotThrow() {
        assertThat(ErrorTypes.statusOf(new ThrowingType())).isEqualTo(ErrorTypes.NO_STATUS);
        assertThat(ErrorTypes.isQuotaOrBilling(new ThrowingType())).isFalse();
        assertThat(StatusCodeReader.readStatus(new ThrowingType())).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void recursingAccessor_isNoErrorType_andTheClassIsNotAskedAgain() {
        RecursingType.calls.set(0);

        assertThat(ErrorTypes.statusOf(new RecursingType())).isEqualTo(ErrorTypes.NO_STATUS);
        int callsOfTheFirstRead = RecursingType.calls.get();
        assertThat(ErrorTypes.statusOf(new RecursingType())).isEqualTo(ErrorTypes.NO_STATUS);

        assertThat(callsOfTheFirstRead).isGreaterThan(1);
        assertThat(RecursingType.calls).hasValue(callsOfTheFirstRead);
    }

    /** anthropic-java 2.x's in-stream {@code SseException}: the stream's 200, and {@code errorType()}. */
    public static final class ErrorTypeAccessor extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ErrorType errorType;

        ErrorTypeAccessor(ErrorType errorType) {
            this.errorType = errorType;
        }

        public int statusCode() {
            return 200;
        }

        public Optional<ErrorType> errorType() {
            return Optional.ofNullable(errorType);
        }
    }

    public static final class TypeAndErrorType extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;
        private final transient ErrorType errorType;

        TypeAndErrorType(String type, ErrorType errorType) {
            this.type = type;
            this.errorType = errorType;
        }

        public String type() {
            return type;
        }

        public ErrorType errorType() {
            return errorType;
        }
    }

    public static final class StringType extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;

        StringType(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    public static final class TypeAndCode extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;
        private final String code;

        TypeAndCode(String type, String code) {
            this.type = type;
            this.code = code;
        }

        public Optional<String> type() {
            return Optional.ofNullable(type);
        }

        public Optional<String> code() {
            return Optional.ofNullable(code);
        }
    }

    /** Google GenAI's shape: an int code() is a status, not an error code. */
    public static final class IntCode extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public int code() {
            return 429;
        }
    }

    /** A type() of a type that is neither a String, an Optional nor has asString(): its toString is never used. */
    public static final class ObjectType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Object type() {
            return new Object() {
                @Override
                public String toString() {
                    return "overloaded_error";
                }
            };
        }
    }

    public static final class ThrowingType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public String type() {
            throw new IllegalStateException("broken accessor");
        }
    }

    public static final class RecursingType extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger calls = new AtomicInteger();

        public String type() {
            calls.incrementAndGet();
            return type();
        }
    }
}
