package dev.llmfallback.weaver.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Starts the agent: registers the {@link FallbackTransformer} and, when the agent arrives in a running JVM,
 * weaves the candidate classes already loaded. Holds the one piece of JVM-wide state, the system property
 * {@value #ACTIVE}, set once the agent is active, so that a second start (a {@code -javaagent} app that
 * also calls {@code install()}, or a second copy of the agent in another class loader) does nothing.
 */
final class AgentRuntime {

    /** Set, to how the agent started, while the agent is active in this JVM. */
    static final String ACTIVE = "dev.llmfallback.agent.active";

    private AgentRuntime() {
    }

    static synchronized boolean install() {
        if (System.getProperty(ACTIVE) != null) {
            return true;
        }
        Instrumentation instrumentation = ByteBuddyAgent.install();
        return start(instrumentation, true, "install()");
    }

    static synchronized boolean start(Instrumentation instrumentation, boolean weaveLoadedClasses, String how) {
        AgentLog log = AgentLog.fromSystemProperty();
        if (System.getProperty(ACTIVE) != null) {
            log.info("already active (" + System.getProperty(ACTIVE) + "); " + how + " does nothing");
            return true;
        }
        long start = System.nanoTime();
        boolean retransform = instrumentation.isRetransformClassesSupported();
        FallbackTransformer transformer = new FallbackTransformer(log);
        // Load the scan now, not while the first application class is being transformed.
        ClassFileScan.of(new byte[0]);
        instrumentation.addTransformer(transformer, retransform);
        System.setProperty(ACTIVE, how);
        if (!weaveLoadedClasses) {
            // -javaagent: the application has not started; set Byte Buddy up while it does. (Attached or
            // install(): the weaving of the loaded classes, right below, sets it up at once.)
            transformer.prepareInBackground();
        }
        int woven = weaveLoadedClasses && retransform ? weaveLoaded(instrumentation, transformer, log) : 0;
        log.info("active (" + how + ")" + (weaveLoadedClasses ? ", " + woven + " loaded classes woven" : "")
                + (log.enabled(AgentLog.Level.DEBUG) ? ", in " + (System.nanoTime() - start) / 1_000_000 + " ms" : ""));
        return true;
    }

    /**
     * Retransforms the loaded classes that may declare {@code @LlmFallback} methods, found by scanning their
     * class files as their loaders serve them; a class whose file cannot be read is left as it is.
     */
    private static int weaveLoaded(Instrumentation instrumentation, FallbackTransformer transformer, AgentLog log) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader == null || type.isArray() || type.isPrimitive() || type.isHidden()) {
                continue;
            }
            String internalName = type.getName().replace('.', '/');
            if (FallbackTransformer.excluded(internalName) || !instrumentation.isModifiableClass(type)) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
                if (in != null && ClassFileScan.of(in.readAllBytes()) == ClassFileScan.Verdict.CANDIDATE) {
                    candidates.add(type);
                }
            } catch (IOException | RuntimeException unreadable) {
                log.debug("cannot read the class file of loaded " + type.getName() + ": " + unreadable);
            }
        }
        int woven = 0;
        transformer.recordRetransformed(true);
        try {
            for (Class<?> type : candidates) {
                try {
                    instrumentation.retransformClasses(type);
                } catch (Throwable failure) {
                    log.warn("cannot weave loaded " + type.getName() + " (" + failure + "); its @LlmFallback "
                            + "methods run without fallback", failure);
                    continue;
                }
                if (transformer.consumeRetransformed(type)) {
                    woven++;
                    reportMisconfigurations(type, log);
                }
            }
        } finally {
            transformer.recordRetransformed(false);
        }
        return woven;
    }

    /**
     * What {@link InitializerAdvice} does for a class woven at load, done here for one woven after: the
     * class may be initialised already. Calls the engine its own loader sees, reflectively.
     */
    private static void reportMisconfigurations(Class<?> type, AgentLog log) {
        if (!log.enabled(AgentLog.Level.WARN)) {
            return;
        }
        try {
            Method misconfigurations = Class.forName(Weaver.ENGINE, false, type.getClassLoader())
                    .getMethod("misconfigurations", Class.class);
            for (Object problem : (List<?>) misconfigurations.invoke(null, type)) {
                System.err.println(AgentLog.PREFIX + type.getName() + ": " + problem);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
            log.warn("cannot check the chains of " + type.getName() + ": " + failure);
        }
    }
}
