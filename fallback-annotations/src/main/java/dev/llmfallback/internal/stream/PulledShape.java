package dev.llmfallback.internal.stream;

import dev.llmfallback.CommitPoint;
import dev.llmfallback.internal.run.Chain;
import dev.llmfallback.internal.run.Link;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * A {@link StreamShape} whose links answer with something readable as a {@link Stream}: the chain runs as a
 * programmatic streaming chain does ({@link StreamingRuns}, the sync engine up to the commit point), each
 * attempt invoking its link's method and reading what it returned as a stream. Immutable and thread-safe.
 */
abstract class PulledShape implements StreamShape {

    /**
     * The stream a link's answer is read as. Closing it must release everything the answer holds (its
     * connection): the chain closes it when it abandons the link.
     *
     * @param answer what the link's method returned, not {@code null}
     * @return the stream, or {@code null} when the answer holds none (a failure of the attempt)
     * @throws Throwable a failure of the attempt; {@code answer} is then released already
     */
    abstract Stream<?> read(Object answer) throws Throwable;

    /**
     * The caller's answer: {@code committed}, as the head's declared type.
     *
     * @param committed the committed stream, its preamble first; closing it closes the winner's answer
     * @param winner    what the winning link's method returned
     * @return an instance of the head's declared return type
     */
    abstract Object answer(Stream<?> committed, Object winner);

    @Override
    public final Link.Invoker invoker(int index, String method, Link.Invoker body, CommitPoint commitAt) {
        return (target, args, previous, thread) -> {
            Openings openings = (Openings) target;
            return openings.open(index, method, method, input -> {
                Call call = (Call) input;
                Object answer = body.invoke(call.receiver, call.args, previous, thread);
                if (answer == null) {
                    return null;
                }
                call.answers.set(index, answer);
                return read(answer);
            }, commitAt);
        };
    }

    @Override
    public final Object run(Chain chain, Object target, Object[] args) throws Throwable {
        Call call = new Call(target, args, chain.size());
        Stream<?> committed = StreamingRuns.stream(chain, new Openings(call));
        int winner = StreamingRuns.traceOf(committed).winner().orElseThrow().providerIndex();
        return answer(committed, call.answers.get(winner));
    }

    /** One call of the head: its receiver and arguments, and what each link's method answered. */
    private static final class Call {
        final Object receiver;
        final Object[] args;
        /** Written by the attempts, which may run on the engine's workers. */
        final AtomicReferenceArray<Object> answers;

        Call(Object receiver, Object[] args, int links) {
            this.receiver = receiver;
            this.args = args;
            this.answers = new AtomicReferenceArray<>(links);
        }
    }
}
