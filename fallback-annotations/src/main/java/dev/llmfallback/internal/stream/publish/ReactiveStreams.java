package dev.llmfallback.internal.stream.publish;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Flow;

/**
 * Reactive Streams and Reactor, by name, with no dependency on either: a provider's answer that implements
 * {@code org.reactivestreams.Publisher} (a Reactor {@code Flux} or {@code Mono} does) is read as a
 * {@link Flow.Publisher} through the Reactive Streams jar's own {@code FlowAdapters} (reactive-streams 1.0.3 and
 * later), and a chain's answer is handed out as the type a front door declares, through the same adapters and
 * Reactor's {@code JdkFlowAdapter} and {@code Mono.from}. The adapters are looked up once per class
 * ({@link ClassValue}) from the class's own loader. Not API. Thread-safe.
 */
final class ReactiveStreams {

    static final String PUBLISHER = "org.reactivestreams.Publisher";
    static final String FLUX = "reactor.core.publisher.Flux";
    static final String MONO = "reactor.core.publisher.Mono";
    private static final String FLOW_ADAPTERS = "org.reactivestreams.FlowAdapters";
    private static final String JDK_FLOW_ADAPTER = "reactor.adapter.JdkFlowAdapter";

    /** Per class: the {@code org.reactivestreams.Publisher} it implements, or {@code null}. */
    private static final ClassValue<Class<?>> PUBLISHER_OF = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            return find(type);
        }
    };

    /** Per {@code org.reactivestreams.Publisher} interface: its jar's adapters. */
    private static final ClassValue<Adapters> ADAPTERS = new ClassValue<>() {
        @Override
        protected Adapters computeValue(Class<?> publisher) {
            return Adapters.of(publisher);
        }
    };

    private ReactiveStreams() {
    }

    /**
     * The {@code org.reactivestreams.Publisher} interface {@code type} implements.
     *
     * @return the interface, or {@code null} when it implements none
     */
    static Class<?> publisherOf(Class<?> type) {
        return PUBLISHER_OF.get(type);
    }

    /**
     * A {@link Flow.Publisher} view of a Reactive Streams publisher.
     *
     * @param publisher an object whose class implements {@code org.reactivestreams.Publisher}
     * @param provider  its provider's name, for messages
     */
    static Flow.Publisher<?> toFlow(Object publisher, String provider) {
        Class<?> type = publisherOf(publisher.getClass());
        Adapters adapters = ADAPTERS.get(type);
        if (adapters.toFlow == null) {
            throw missingAdapters(provider, type);
        }
        try {
            return (Flow.Publisher<?>) adapters.toFlow.invoke(publisher);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * {@code publisher} as an {@code org.reactivestreams.Publisher} of the given interface's jar.
     *
     * @param publisherType the {@code org.reactivestreams.Publisher} interface wanted
     */
    static Object toReactiveStreams(Flow.Publisher<?> publisher, Class<?> publisherType) {
        Adapters adapters = ADAPTERS.get(publisherType);
        if (adapters.fromFlow == null) {
            throw missingAdapters("a streaming chain", publisherType);
        }
        return invoke(adapters.fromFlow, publisher);
    }

    /**
     * {@code publisher} as a Reactor {@code Flux} or {@code Mono}.
     *
     * @param shape the {@code Flux} or {@code Mono} class wanted
     */
    static Object toReactor(Flow.Publisher<?> publisher, Class<?> shape) {
        Reactor reactor = REACTOR.get(shape);
        if (reactor.toFlux == null) {
            throw new IllegalStateException(shape.getName() + " found without " + JDK_FLOW_ADAPTER
                    + ": a streaming chain answers with a Flux or Mono only with reactor-core 3.x on the class path");
        }
        Object flux = invoke(reactor.toFlux, publisher);
        return reactor.toMono == null ? flux : invoke(reactor.toMono, flux);
    }

    private static final ClassValue<Reactor> REACTOR = new ClassValue<>() {
        @Override
        protected Reactor computeValue(Class<?> shape) {
            return Reactor.of(shape);
        }
    };

    private static Object invoke(MethodHandle adapter, Object argument) {
        try {
            return adapter.invoke(argument);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static IllegalStateException missingAdapters(String provider, Class<?> type) {
        return new IllegalStateException(provider + ": " + type.getName() + " found without " + FLOW_ADAPTERS
                + ": use reactive-streams 1.0.3 or later, or return a java.util.concurrent.Flow.Publisher");
    }

    private static Class<?> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(PUBLISHER)) {
                    return implemented;
                }
                Class<?> inherited = find(implemented);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }

    private static Class<?> load(String name, Class<?> sibling) {
        try {
            return Class.forName(name, false, sibling.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The Reactive Streams jar's {@code FlowAdapters}; {@code null} handles when it has none. */
    private static final class Adapters {
        final MethodHandle toFlow;
        final MethodHandle fromFlow;

        private Adapters(MethodHandle toFlow, MethodHandle fromFlow) {
            this.toFlow = toFlow;
            this.fromFlow = fromFlow;
        }

        static Adapters of(Class<?> publisher) {
            Class<?> adapters = load(FLOW_ADAPTERS, publisher);
            if (adapters == null) {
                return new Adapters(null, null);
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new Adapters(
                        lookup.findStatic(adapters, "toFlowPublisher", MethodType.methodType(Flow.Publisher.class, publisher)),
                        lookup.findStatic(adapters, "toPublisher", MethodType.methodType(publisher, Flow.Publisher.class)));
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Adapters(null, null);
            }
        }
    }

    /** Reactor's way from a {@link Flow.Publisher} to a {@code Flux}, and on to a {@code Mono}. */
    private static final class Reactor {
        final MethodHandle toFlux;
        /** {@code null} when the shape is {@code Flux}. */
        final MethodHandle toMono;

        private Reactor(MethodHandle toFlux, MethodHandle toMono) {
            this.toFlux = toFlux;
            this.toMono = toMono;
        }

        static Reactor of(Class<?> shape) {
            Class<?> adapter = load(JDK_FLOW_ADAPTER, shape);
            Class<?> flux = load(FLUX, shape);
            Class<?> publisher = publisherOf(shape);
            if (adapter == null || flux == null || publisher == null) {
                return new Reactor(null, null);
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle toFlux = lookup.findStatic(adapter, "flowPublisherToFlux",
                        MethodType.methodType(flux, Flow.Publisher.class));
                MethodHandle toMono = shape.getName().equals(MONO)
                        ? lookup.findStatic(shape, "from", MethodType.methodType(shape, publisher))
                        : null;
                return new Reactor(toFlux, toMono);
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Reactor(null, null);
            }
        }
    }
}
