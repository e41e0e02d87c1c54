package dev.llmfallback.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmfallback.HasStatusCode;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allocation-free status reader and cause-chain walk, pinned down alone; {@code FailuresTest} covers the
 * same ground through the public API.
 */
public class StatusCodeReaderTest {

    // ---------------------------------------------------------------------------------------------------
    // readStatus: one link

    @Test
    void hasStatusCode_answersDirectly() {
        assertThat(StatusCodeReader.readStatus(new OwnStatus(529))).isEqualTo(529);
    }

    @Test
    void primitiveIntAccessor_isRead() {
        assertThat(StatusCodeReader.readStatus(new PrimitiveStatus(503))).isEqualTo(503);
    }

    @Test
    void integerAccessor_isRead() {
        assertThat(StatusCodeReader.readStatus(new BoxedStatus(429))).isEqualTo(429);
    }

    @Test
    void integerAccessorReturningNull_hasNoStatus() {
        assertThat(StatusCodeReader.readStatus(new BoxedStatus(null))).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void objectAccessorWithIntValue_isRead() {
        assertThat(StatusCodeReader.readStatus(new ValueObjectStatus(new Code(502)))).isEqualTo(502);
    }

    @Test
    void objectAccessorReturningNull_hasNoStatus() {
        assertThat(StatusCodeReader.readStatus(new ValueObjectStatus(null))).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 99, 100, 200, 399, 1000, Integer.MAX_VALUE})
    void outOfRange_hasNoStatus_whateverTheAccessorsType(int value) {
        assertThat(StatusCodeReader.readStatus(new PrimitiveStatus(value))).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new BoxedStatus(value))).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new ValueObjectStatus(new Code(value))))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new OwnStatus(value))).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 999})
    void boundsOfTheRange_areStatuses(int value) {
        assertThat(StatusCodeReader.readStatus(new PrimitiveStatus(value))).isEqualTo(value);
        assertThat(StatusCodeReader.readStatus(new BoxedStatus(value))).isEqualTo(value);
        assertThat(StatusCodeReader.readStatus(new ValueObjectStatus(new Code(value)))).isEqualTo(value);
    }

    @Test
    void throwingAccessors_haveNoStatus_andDoNotThrow() {
        assertThat(StatusCodeReader.readStatus(new ThrowingAccessor())).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new ThrowingOwnStatus())).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void stackOverflowInAnAccessor_isNoStatus_andTheClassIsNotAskedAgain() {
        OverflowingAccessor.calls.set(0);

        assertThat(StatusCodeReader.readStatus(new OverflowingAccessor())).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new OverflowingAccessor())).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.firstStatus(new RuntimeException(new OverflowingAccessor())))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(OverflowingAccessor.calls).hasValue(1);
    }

    @Test
    void recursingAccessor_isNoStatus_andTheClassIsNotAskedAgain() {
        RecursingAccessor.calls.set(0);

        assertThat(StatusCodeReader.readStatus(new RecursingAccessor())).isEqualTo(StatusCodeReader.NO_STATUS);
        int callsOfTheFirstRead = RecursingAccessor.calls.get();
        assertThat(StatusCodeReader.readStatus(new RecursingAccessor())).isEqualTo(StatusCodeReader.NO_STATUS);

        assertThat(callsOfTheFirstRead).isGreaterThan(1);
        assertThat(RecursingAccessor.calls).hasValue(callsOfTheFirstRead);
    }

    @Test
    void exceptionOrOutOfMemoryInAnAccessor_isNoStatus_forThatInstanceOnly() {
        assertThat(StatusCodeReader.readStatus(new SometimesFailingAccessor(new IllegalStateException())))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new SometimesFailingAccessor(new OutOfMemoryError("simulated"))))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new SometimesFailingAccessor(null))).isEqualTo(503);
    }

    @Test
    void errorInAHasStatusCodeAccessor_isNoStatus_andTheClassIsNotAskedAgain() {
        assertThat(StatusCodeReader.readStatus(new SometimesFailingOwnStatus(new AssertionError("broken"))))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(new SometimesFailingOwnStatus(null)))
                .isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void anError_hasNoStatus_andNothingOfItIsCalled_butTheWalkGoesOnToItsCause() {
        StatusError.calls.set(0);

        assertThat(StatusCodeReader.readStatus(new StatusError(null))).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.firstStatus(new RuntimeException(new StatusError(new OwnStatus(503)))))
                .isEqualTo(503);
        assertThat(StatusError.calls).as("statusCode() calls on an Error").hasValue(0);
    }

    @Test
    void noAccessor_orNull_hasNoStatus() {
        assertThat(StatusCodeReader.readStatus(new IllegalStateException())).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(StatusCodeReader.readStatus(null)).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void repeatedReads_ofOneClass_giveEachInstancesOwnStatus() {
        for (int status : new int[] {429, 500, 429, 503}) {
            assertThat(StatusCodeReader.readStatus(new BoxedStatus(status))).isEqualTo(status);
            assertThat(StatusCodeReader.readStatus(new ValueObjectStatus(new Code(status)))).isEqualTo(status);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // firstStatus and the walk: the cause chain

    @Test
    void firstLinkWithAStatus_wins_overInvalidAndLaterOnes() {
        Throwable failure = new RuntimeException("outer",
                new BoxedStatus(null, new PrimitiveStatus(0, new ValueObjectStatus(new Code(503),
                        new PrimitiveStatus(429)))));

        assertThat(StatusCodeReader.firstStatus(failure)).isEqualTo(503);
    }

    @Test
    void nullFailure_hasNoStatus() {
        assertThat(StatusCodeReader.firstStatus(null)).isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(CauseChain.anyMatch(null, link -> true)).isFalse();
        assertThat(CauseChain.firstPresent(null, Optional::of)).isEmpty();
    }

    @Test
    void cycle_withAStatusInside_isFound() {
        RuntimeException outer = new RuntimeException("outer");
        PrimitiveStatus inner = new PrimitiveStatus(429, outer);
        outer.initCause(inner);

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(StatusCodeReader.firstStatus(outer)).isEqualTo(429));
    }

    @Test
    void cycle_withNothingToFind_endsAtTheBound() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        List<Throwable> visited = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(StatusCodeReader.firstStatus(first)).isEqualTo(StatusCodeReader.NO_STATUS);
            assertThat(CauseChain.anyMatch(first, link -> !visited.add(link))).isFalse();
        });
        assertThat(visited).hasSize(CauseChain.MAX_LINKS);
        assertThat(visited.subList(0, 4)).containsExactly(first, second, first, second);
    }

    @Test
    void getCauseReturningItself_endsTheChainAfterOneLink() {
        List<Throwable> visited = new ArrayList<>();
        SelfCaused failure = new SelfCaused();

        assertThat(CauseChain.anyMatch(failure, link -> !visited.add(link))).isFalse();
        assertThat(visited).containsExactly(failure);
        assertThat(StatusCodeReader.firstStatus(failure)).isEqualTo(StatusCodeReader.NO_STATUS);
    }

    @Test
    void getCauseThatThrows_endsTheChain_afterTheLinkItself() {
        ThrowingGetCause failure = new ThrowingGetCause(418);

        assertThat(StatusCodeReader.firstStatus(failure)).isEqualTo(418);
        assertThat(StatusCodeReader.firstStatus(new RuntimeException(new ThrowingGetCause(-1))))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(CauseChain.anyMatch(failure, link -> link instanceof ConnectException)).isFalse();
    }

    @Test
    void getCauseThatOverflows_endsTheChain_afterTheLinkItself() {
        assertThat(StatusCodeReader.firstStatus(new OverflowingGetCause(418))).isEqualTo(418);
        assertThat(StatusCodeReader.firstStatus(new RuntimeException(new OverflowingGetCause(-1))))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(CauseChain.anyMatch(new OverflowingGetCause(-1), link -> false)).isFalse();
        assertThat(CauseChain.firstPresent(new OverflowingGetCause(-1), link -> Optional.empty())).isEmpty();
    }

    @Test
    void statusOnTheLastLinkWithinTheBound_isFound_andOneFurtherIsNot() {
        assertThat(StatusCodeReader.firstStatus(chainWithStatusAtLink(CauseChain.MAX_LINKS))).isEqualTo(429);
        assertThat(StatusCodeReader.firstStatus(chainWithStatusAtLink(CauseChain.MAX_LINKS + 1)))
                .isEqualTo(StatusCodeReader.NO_STATUS);
        assertThat(CauseChain.anyMatch(chainWithStatusAtLink(CauseChain.MAX_LINKS), PrimitiveStatus.class::isInstance))
                .isTrue();
        assertThat(CauseChain.anyMatch(chainWithStatusAtLink(CauseChain.MAX_LINKS + 1),
                PrimitiveStatus.class::isInstance)).isFalse();
    }

    @Test
    void endlessFreshCauses_askGetCauseOnlyForLinksThatAreLookedAt() {
        EndlessCauses failure = new EndlessCauses();
        EndlessCauses.created.set(0);

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(StatusCodeReader.firstStatus(failure)).isEqualTo(StatusCodeReader.NO_STATUS));
        assertThat(EndlessCauses.created).hasValue(CauseChain.MAX_LINKS - 1);
    }

    @Test
    void firstPresent_givesTheFirstLinksValue() {
        Throwable failure = new RuntimeException("outer", new IllegalStateException("middle",
                new ConnectException("inner")));

        assertThat(CauseChain.firstPresent(failure, link -> Optional.ofNullable(
                link instanceof IllegalStateException || link instanceof ConnectException ? link.getMessage() : null)))
                .hasValue("middle");
        assertThat(CauseChain.firstNonNegative(failure, link -> -1)).isEqualTo(-1);
        assertThat(CauseChain.firstNonNegative(failure, link -> 0)).isZero();
    }

    /** A chain of plain exceptions whose {@code link}-th link (1-based) has status 429. */
    private static Throwable chainWithStatusAtLink(int link) {
        Throwable failure = new PrimitiveStatus(429);
        for (int i = 1; i < link; i++) {
            failure = new RuntimeException("link " + i, failure);
        }
        return failure;
    }

    // ---------------------------------------------------------------------------------------------------
    // Fixtures: public, so that the reader finds their accessors as it would an SDK's

    public static final class OwnStatus extends RuntimeException implements HasStatusCode {

        private static final long serialVersionUID = 1L;

        private final int status;

        public OwnStatus(int status) {
            this.status = status;
        }

        @Override
        public int statusCode() {
            return status;
        }
    }

    public static final class ThrowingOwnStatus extends RuntimeException implements HasStatusCode {

        private static final long serialVersionUID = 1L;

        @Override
        public int statusCode() {
            throw new IllegalStateException("no response");
        }
    }

    public static final class PrimitiveStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        PrimitiveStatus(int status) {
            this(status, null);
        }

        PrimitiveStatus(int status, Throwable cause) {
            super("HTTP " + status, cause);
            this.status = status;
        }

        public int getStatusCode() {
            return status;
        }
    }

    public static final class BoxedStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Integer status;

        BoxedStatus(Integer status) {
            this(status, null);
        }

        BoxedStatus(Integer status, Throwable cause) {
            super("HTTP " + status, cause);
            this.status = status;
        }

        public Integer status() {
            return status;
        }
    }

    /** Shaped like Spring's: {@code getStatusCode()} returns an object with {@code int value()}. */
    public static final class ValueObjectStatus extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient StatusObject status;

        public ValueObjectStatus(StatusObject status) {
            this(status, null);
        }

        ValueObjectStatus(StatusObject status, Throwable cause) {
            super("HTTP", cause);
            this.status = status;
        }

        public StatusObject getStatusCode() {
            return status;
        }
    }

    /** Shaped like Spring's {@code HttpStatusCode}. */
    public interface StatusObject {

        int value();
    }

    /** A status object. */
    public record Code(int value) implements StatusObject {
    }

    public static final class ThrowingAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public int statusCode() {
            throw new IllegalStateException("no response");
        }
    }

    /** An Error that offers a status accessor, which must never be called. */
    public static final class StatusError extends Error {

        private static final long serialVersionUID = 1L;

        static final AtomicInteger calls = new AtomicInteger();

        StatusError(Throwable cause) {
            super(null, cause, false, false);
        }

        public int statusCode() {
            calls.incrementAndGet();
            return 503;
        }
    }

    public static final class OverflowingAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final AtomicInteger calls = new AtomicInteger();

        public int statusCode() {
            calls.incrementAndGet();
            throw new StackOverflowError();
        }
    }

    public static final class RecursingAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final AtomicInteger calls = new AtomicInteger();

        public int statusCode() {
            calls.incrementAndGet();
            return statusCode() + 1;
        }
    }

    /** Throws what it is given, if anything, else answers 503. */
    public static final class SometimesFailingAccessor extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Throwable thrown;

        SometimesFailingAccessor(Throwable thrown) {
            this.thrown = thrown;
        }

        public int statusCode() {
            if (thrown != null) {
                throw SometimesFailingAccessor.<RuntimeException>sneaky(thrown);
            }
            return 503;
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> T sneaky(Throwable thrown) throws T {
            throw (T) thrown;
        }
    }

    /** Throws what it is given, if anything, else answers 503. */
    public static final class SometimesFailingOwnStatus extends RuntimeException implements HasStatusCode {

        private static final long serialVersionUID = 1L;

        private final Throwable thrown;

        SometimesFailingOwnStatus(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public int statusCode() {
            if (thrown != null) {
                throw SometimesFailingAccessor.<RuntimeException>sneaky(thrown);
            }
            return 503;
        }
    }

    public static final class SelfCaused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable getCause() {
            return this;
        }
    }

    public static final class ThrowingGetCause extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        ThrowingGetCause(int status) {
            this.status = status;
        }

        public int code() {
            return status;
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("broken getCause");
        }
    }

    public static final class OverflowingGetCause extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        OverflowingGetCause(int status) {
            this.status = status;
        }

        public int code() {
            return status;
        }

        @Override
        public synchronized Throwable getCause() {
            throw new StackOverflowError();
        }
    }

    public static final class EndlessCauses extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final AtomicInteger created = new AtomicInteger();

        EndlessCauses() {
            created.incrementAndGet();
        }

        @Override
        public synchronized Throwable getCause() {
            return new EndlessCauses();
        }
    }
}
