package dev.llmfallback.internal.stream;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.stream.Stream;

/**
 * The shape of a head declared to return an {@code AutoCloseable} interface with a public no-arg
 * {@code stream()}, as the SDKs' {@code StreamResponse<T>} (both interfaces): each link's answer is read through
 * its {@code stream()} and closed with it (openai-java's {@code stream()} does not close its response), and the
 * caller gets a proxy of the declared interface whose {@code stream()} is the committed stream (the same one on
 * every call), whose {@code close()} closes it and with it the winner's answer, whose default methods run as
 * declared (anthropic-java's {@code iterator()} reads {@code stream()}), and whose other methods are the
 * winner's. One instance per declared interface; immutable and thread-safe.
 */
final class CloseableReturns extends PulledShape {

    private final Class<?> type;
    /** The declared interface's {@code stream()}, called on each link's answer. */
    private final MethodHandle stream;

    CloseableReturns(Class<?> type, MethodHandle stream) {
        this.type = type;
        this.stream = stream;
    }

    @Override
    public String describe() {
        return type.getSimpleName() + "<T> (an AutoCloseable with stream())";
    }

    @Override
    Stream<?> read(Object answer) throws Throwable {
        AutoCloseable closeable = (AutoCloseable) answer;
        Stream<?> elements;
        try {
            elements = (Stream<?>) stream.invoke(answer);
        } catch (Throwable failure) {
            closeQuietly(closeable, failure);
            throw failure;
        }
        if (elements == null) {
            closeQuietly(closeable, null);
            return null;
        }
        return elements.onClose(() -> close(closeable));
    }

    @Override
    Object answer(Stream<?> committed, Object winner) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Committed(committed, winner));
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Exception checked) {
            throw new IllegalStateException("closing " + closeable.getClass().getName() + " failed", checked);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        try {
            closeable.close();
        } catch (Exception closeFailure) {
            if (failure != null) {
                failure.addSuppressed(closeFailure);
            }
        }
    }

    /** The caller's view of the winner's answer. */
    private static final class Committed implements InvocationHandler {
        private final Stream<?> committed;
        private final Object winner;

        Committed(Stream<?> committed, Object winner) {
            this.committed = committed;
            this.winner = winner;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            boolean noArgs = method.getParameterCount() == 0;
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "llm-fallback committed " + winner.getClass().getName();
                }
            }
            if (noArgs && method.getName().equals("stream")) {
                return committed;
            }
            if (noArgs && method.getName().equals("close")) {
                committed.close();
                return null;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(winner, args);
            } catch (InvocationTargetException failed) {
                throw failed.getCause();
            }
        }
    }
}
