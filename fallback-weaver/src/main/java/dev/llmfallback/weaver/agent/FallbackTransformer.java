package dev.llmfallback.weaver.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The agent's one {@link ClassFileTransformer}. For every class the JVM loads it first decides, by name and
 * by a scan of the raw bytes ({@link ClassFileScan}), whether the class can declare {@code @LlmFallback}
 * methods at all; only candidates reach the {@link Weaver}, which is built, and Byte Buddy loaded, when the
 * first candidate appears.
 *
 * <p>A candidate that cannot be woven is left as it is, with one warning naming it; the JVM then loads it
 * unwoven. Never throws. Thread-safe: classes load concurrently.
 */
final class FallbackTransformer implements ClassFileTransformer {

    private final AgentLog log;
    private final Object weaverLock = new Object();
    private volatile Weaver weaver;
    private volatile boolean weaverFailed;
    /**
     * Classes woven by the agent's own retransformation of loaded classes, so that it can report their
     * chains afterwards; recorded only while that runs (another agent's retransformations, a debugger's
     * redefinitions, are woven too, but must not pin their classes here).
     */
    private final Set<Class<?>> retransformed = ConcurrentHashMap.newKeySet();
    private volatile boolean recordingRetransformed;
    /**
     * The names of the classes woven at load with the misconfiguration report, by class loader (held weakly,
     * never pinned): when one of them is retransformed or redefined (Mockito's inline mock maker, another
     * agent, a debugger's HotSwap), the JVM hands over the original class file again, and it must be woven
     * the same way, as the JVM lets no method be added or deleted then, and the report may have given the
     * class its static initializer.
     */
    private final Map<ClassLoader, Set<String>> reportedAtInit = Collections.synchronizedMap(new WeakHashMap<>());

    FallbackTransformer(AgentLog log) {
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader == null || className == null || classfileBuffer == null || excluded(className)) {
            return null;
        }
        switch (ClassFileScan.of(classfileBuffer)) {
            case CANDIDATE:
                return weave(loader, className, classBeingRedefined, classfileBuffer);
            case WOVEN_BY_ASPECTJ:
                // AspectJ's load-time weaver cannot retransform, so its transformer runs before this one: the
                // bytes look the same either way. Said the first time the agent sees the class only.
                if (classBeingRedefined == null || recordingRetransformed) {
                    log.warn("left " + className.replace('/', '.') + " alone: the AspectJ aspect already wove it "
                            + "(at compile time, or at load time by AspectJ's weaver agent); use one front door per "
                            + "class");
                }
                return null;
            case WOVEN_BY_AGENT:
                log.debug("left " + className.replace('/', '.') + " alone: already woven by an llm-fallback agent");
                return null;
            default:
                return null;
        }
    }

    private byte[] weave(ClassLoader loader, String className, Class<?> classBeingRedefined, byte[] bytes) {
        String name = className.replace('/', '.');
        try {
            long asked = System.nanoTime();
            Weaver active = weaver();
            if (active == null) {
                return null;
            }
            long start = System.nanoTime();
            if (log.enabled(AgentLog.Level.DEBUG) && start - asked >= 1_000_000) {
                log.debug("waited " + (start - asked) / 1_000_000 + " ms for Byte Buddy's set-up to weave " + name);
            }
            // A retransformed or redefined class can neither gain nor lose a method: it gets the report (and
            // the static initializer that may come with it) again if it got it at load, and never otherwise.
            boolean reportAtInit = log.enabled(AgentLog.Level.WARN)
                    && (classBeingRedefined == null || reportedAtInit(loader, className));
            // What the weaver has to say about the class, said the first time the agent sees it only.
            Consumer<String> warnings = classBeingRedefined == null || recordingRetransformed
                    ? log::warn : warning -> { };
            byte[] woven = active.weave(loader, className, bytes, reportAtInit, warnings);
            if (woven == null) {
                log.debug("no @LlmFallback method to weave in " + name);
                return null;
            }
            if (classBeingRedefined == null && reportAtInit) {
                reportedAtInit.computeIfAbsent(loader, any -> ConcurrentHashMap.newKeySet()).add(className);
            }
            if (classBeingRedefined != null && recordingRetransformed) {
                retransformed.add(classBeingRedefined);
            }
            log.info("wove " + name + (log.enabled(AgentLog.Level.DEBUG)
                    ? " in " + (System.nanoTime() - start) / 1_000 + " us" : ""));
            return woven;
        } catch (Weaver.Unweavable reason) {
            log.warn("cannot weave " + name + ": " + reason.getMessage() + "; its @LlmFallback methods run "
                    + "without fallback");
        } catch (Throwable failure) {
            log.warn("cannot weave " + name + " (" + failure + "); its @LlmFallback methods run without "
                    + "fallback", failure);
        }
        return null;
    }

    private boolean reportedAtInit(ClassLoader loader, String className) {
        Set<String> names = reportedAtInit.get(loader);
        return names != null && names.contains(className);
    }

    /**
     * Sets Byte Buddy up on a daemon thread of its own and weaves {@link WarmUp} with it, so that the first
     * candidate class finds the weaver made and its code loaded, instead of paying for both on the thread that
     * loads it (a Boot application's main thread, at start-up); on a machine with a spare core the set-up then
     * overlaps the application's own start. A candidate that comes before the set-up is done waits for it; a
     * failure here is only reported at {@code debug}: the first candidate sets the weaver up again, and says
     * what went wrong then.
     */
    void prepareInBackground() {
        Thread setup = new Thread(this::prepare, "llm-fallback-agent-setup");
        setup.setDaemon(true);
        setup.start();
    }

    private void prepare() {
        try {
            long start = System.nanoTime();
            Weaver active = weaver();
            if (active != null) {
                active.warmUp();
                log.debug("warmed up in the background in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        } catch (Throwable failure) {
            log.debug("no background warm-up: " + failure);
        }
    }

    /** The weaver, made on first use; {@code null} if Byte Buddy could not be set up (reported once). */
    private Weaver weaver() {
        Weaver active = weaver;
        if (active != null || weaverFailed) {
            return active;
        }
        synchronized (weaverLock) {
            if (weaver == null && !weaverFailed) {
                long start = System.nanoTime();
                try {
                    weaver = new Weaver();
                    log.debug("Byte Buddy set up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                } catch (Throwable failure) {
                    weaverFailed = true;
                    log.warn("cannot set up Byte Buddy (" + failure + "); no class will be woven", failure);
                }
            }
            return weaver;
        }
    }

    /**
     * Starts or stops recording the classes woven by retransformation; stopping forgets them.
     *
     * @param on {@code true} while the agent retransforms the classes loaded before it
     */
    void recordRetransformed(boolean on) {
        recordingRetransformed = on;
        if (!on) {
            retransformed.clear();
        }
    }

    /**
     * Whether {@code type} was woven by retransformation while recording; clears the mark.
     *
     * @param type a class the agent retransformed
     * @return {@code true} if the transformer wove it
     */
    boolean consumeRetransformed(Class<?> type) {
        return retransformed.remove(type);
    }

    /**
     * Classes the agent never weaves, by name: the JDK's, Byte Buddy's and llm-fallback's own (its API,
     * engine and front doors; not, say, an application's {@code dev.llmfallback.examples}).
     *
     * @param internalName a class name with slashes
     * @return {@code true} to leave the class alone without looking at it
     */
    static boolean excluded(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/") || internalName.startsWith("net/bytebuddy/")
                || internalName.startsWith("dev/llmfallback/internal/")
                || internalName.startsWith("dev/llmfallback/weaving/")
                || internalName.startsWith("dev/llmfallback/weaver/")
                || internalName.startsWith("dev/llmfallback/") && internalName.indexOf('/', 16) < 0;
    }
}
