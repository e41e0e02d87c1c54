package dev.llmfallback.spring.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;

/**
 * Whether another front door already runs a class's chains, so that the Spring one stands down: a call must never
 * be intercepted twice (two interceptions of one head would start a chain inside its own chain). Decided once
 * per class ({@link ClassValue}); thread-safe.
 *
 * <ul>
 *   <li>{@link #AGENT}: llm-fallback's java agent is active in this JVM (it sets the system property
 *       {@value #AGENT_ACTIVE} when it starts, from {@code -javaagent} or {@code install()}), and it weaves every
 *       class that declares {@code @LlmFallback} methods, also those loaded before {@code install()}. The one
 *       exception, a class it technically cannot transform, it names in a warning on {@code System.err}.</li>
 *   <li>{@link #ASPECTJ}: the class's own class file calls llm-fallback's aspect (compile-time weaving), or calls
 *       the weaving ABI ({@code WovenChains}: woven at build time); or the loaded class carries AspectJ's
 *       join-point fields while the aspect is on its class path (load-time weaving, which changes only the
 *       loaded class, not its file).</li>
 * </ul>
 */
public enum Weaving {
    /** No other front door: the Spring advisor runs the class's chains. */
    NONE,
    /** llm-fallback's java agent weaves the class. */
    AGENT,
    /** The AspectJ aspect (or a build-time weaving) wove the class. */
    ASPECTJ;

    /** The system property the agent sets while it is active; see {@code fallback-weaver}'s AgentRuntime. */
    static final String AGENT_ACTIVE = "dev.llmfallback.agent.active";

    private static final String ASPECT = "dev.llmfallback.weaver.aspectj.LlmFallbackAspect";
    private static final byte[] ASPECT_IN_CLASS_FILE = ascii(ASPECT.replace('.', '/'));
    private static final byte[] ENGINE_IN_CLASS_FILE = ascii("dev/llmfallback/weaving/WovenChains");
    /** The static fields AspectJ adds to a class it weaves with advice that reads the join point's static part. */
    private static final String ASPECTJ_JOIN_POINT_FIELD = "ajc$tjp_";

    private static final ClassValue<Weaving> OF = new ClassValue<>() {
        @Override
        protected Weaving computeValue(Class<?> type) {
            return detect(type);
        }
    };

    /**
     * How {@code type}'s chains are intercepted besides the Spring advisor.
     *
     * @param type the class that declares {@code @LlmFallback} methods
     * @return {@link #NONE} if only the Spring advisor can run them
     */
    public static Weaving of(Class<?> type) {
        return OF.get(type);
    }

    private static Weaving detect(Class<?> type) {
        // The agent's start is read anew for every class: it may arrive (install()) after the context started.
        if (System.getProperty(AGENT_ACTIVE) != null) {
            return AGENT;
        }
        byte[] classFile = classFile(type);
        if (classFile != null && (contains(classFile, ASPECT_IN_CLASS_FILE) || contains(classFile, ENGINE_IN_CLASS_FILE))) {
            return ASPECTJ;
        }
        return hasAspectJJoinPointFields(type) && aspectVisible(type) ? ASPECTJ : NONE;
    }

    private static byte[] classFile(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static boolean hasAspectJJoinPointFields(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith(ASPECTJ_JOIN_POINT_FIELD)) {
                return true;
            }
        }
        return false;
    }

    private static boolean aspectVisible(Class<?> type) {
        try {
            Class.forName(ASPECT, false, type.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[start + i] != needle[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
