package dev.llmfallback.weaver.agent;

import java.nio.charset.StandardCharsets;

/**
 * Decides from a class file's raw bytes, before anything parses it, whether the agent has business with
 * it: only a class whose constant pool holds the descriptor {@code Ldev/llmfallback/LlmFallback;} can
 * declare an annotated method. Walks the constant pool, comparing only UTF-8 entries of the right length, so
 * the thousands of classes an application loads cost a few microseconds each and load no other class.
 * Stateless and thread-safe.
 */
final class ClassFileScan {

    /** What the agent does with a class. */
    enum Verdict {
        /** Nothing: it mentions no {@code @LlmFallback}. */
        IGNORE,
        /** Let Byte Buddy look at it: it may declare {@code @LlmFallback} methods. */
        CANDIDATE,
        /**
         * Leave it: the AspectJ aspect already wove it (at compile time, or at load time by AspectJ's weaver
         * agent, whose transformer runs first), and one interception is enough.
         */
        WOVEN_BY_ASPECTJ,
        /** Leave it: an llm-fallback agent already wove it (its code calls the engine). */
        WOVEN_BY_AGENT
    }

    private static final byte[] ANNOTATION = ascii("Ldev/llmfallback/LlmFallback;");
    private static final byte[] ASPECT = ascii("dev/llmfallback/weaver/aspectj/LlmFallbackAspect");
    private static final byte[] ENGINE = ascii("dev/llmfallback/weaving/WovenChains");

    private ClassFileScan() {
    }

    static Verdict of(byte[] classFile) {
        try {
            return scan(classFile);
        } catch (RuntimeException malformed) {
            // Not a class file the JVM will accept either; it is not ours to weave.
            return Verdict.IGNORE;
        }
    }

    private static Verdict scan(byte[] b) {
        if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
            return Verdict.IGNORE;
        }
        boolean annotation = false;
        boolean aspect = false;
        boolean engine = false;
        int count = u2(b, 8);
        int pos = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[pos] & 0xFF;
            switch (tag) {
                case 1: // Utf8
                    int length = u2(b, pos + 1);
                    int start = pos + 3;
                    annotation |= length == ANNOTATION.length && matches(b, start, ANNOTATION);
                    aspect |= length == ASPECT.length && matches(b, start, ASPECT);
                    engine |= length == ENGINE.length && matches(b, start, ENGINE);
                    pos = start + length;
                    break;
                case 7: // Class
                case 8: // String
                case 16: // MethodType
                case 19: // Module
                case 20: // Package
                    pos += 3;
                    break;
                case 15: // MethodHandle
                    pos += 4;
                    break;
                case 3: // Integer
                case 4: // Float
                case 9: // Fieldref
                case 10: // Methodref
                case 11: // InterfaceMethodref
                case 12: // NameAndType
                case 17: // Dynamic
                case 18: // InvokeDynamic
                    pos += 5;
                    break;
                case 5: // Long
                case 6: // Double
                    pos += 9;
                    i++;
                    break;
                default:
                    // A constant kind newer than this agent: fall back to searching the remaining bytes.
                    return contains(b, pos, ANNOTATION) ? Verdict.CANDIDATE : Verdict.IGNORE;
            }
        }
        if (engine) {
            return Verdict.WOVEN_BY_AGENT;
        }
        if (!annotation) {
            return Verdict.IGNORE;
        }
        return aspect ? Verdict.WOVEN_BY_ASPECTJ : Verdict.CANDIDATE;
    }

    private static boolean matches(byte[] b, int start, byte[] expected) {
        for (int j = expected.length - 1; j >= 0; j--) {
            if (b[start + j] != expected[j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] b, int from, byte[] expected) {
        for (int start = from; start + expected.length <= b.length; start++) {
            if (matches(b, start, expected)) {
                return true;
            }
        }
        return false;
    }

    private static int u2(byte[] b, int pos) {
        return (b[pos] & 0xFF) << 8 | b[pos + 1] & 0xFF;
    }

    private static int u4(byte[] b, int pos) {
        return u2(b, pos) << 16 | u2(b, pos + 2);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
