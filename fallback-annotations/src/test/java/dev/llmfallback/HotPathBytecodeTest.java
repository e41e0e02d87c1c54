package dev.llmfallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.weaving.WovenChains;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytecode size of the front doors' first methods at or under C2's {@code MaxInlineSize} (35 bytes).
 * A method that small is inlined into its caller by C1 too, so it never runs, is never counted and is never
 * compiled on its own; one byte more and C2 compiles it alone, after which callers refuse to inline it
 * ("already compiled into a big method") and every call pays a real call. Issue 16's streaming check did exactly
 * that to {@link FallbackChain#run}, unnoticed until the engine-redesign benchmarks (BENCHMARKS.md).
 */
class HotPathBytecodeTest {

    /** HotSpot's default {@code -XX:MaxInlineSize}, the same on JDK 17 and 25. */
    private static final int MAX_INLINE_SIZE = 35;

    @Test
    void programmaticRunFitsTheInliningLimit() throws IOException {
        assertThat(codeLength(FallbackChain.class, "run", "(Ljava/lang/Object;)Ljava/lang/Object;"))
                .as("bytes of FallbackChain.run: keep checks in a helper it calls")
                .isLessThanOrEqualTo(MAX_INLINE_SIZE);
    }

    @Test
    void wovenEndingsFitTheInliningLimit() throws IOException {
        assertThat(codeLength(WovenChains.class, "answered", "(Ldev/llmfallback/weaving/Entry$Started;)V"))
                .isLessThanOrEqualTo(MAX_INLINE_SIZE);
        assertThat(codeLength(WovenChains.class, "failed", "(Ldev/llmfallback/weaving/Entry$Started;"
                + "Ljava/lang/Throwable;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;"))
                .isLessThanOrEqualTo(MAX_INLINE_SIZE);
    }

    @Test
    void readsTheSizeOfAKnownMethod() throws IOException {
        // This class's own empty-bodied helper: aload_0 invokespecial return, 5 bytes; guards the reader itself.
        assertThat(codeLength(Probe.class, "<init>", "()V")).isEqualTo(5);
    }

    private static final class Probe {
    }

    /** The {@code code_length} of a method's Code attribute, read from the class file (JVMS §4). */
    private static int codeLength(Class<?> type, String name, String descriptor) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream raw = type.getClassLoader().getResourceAsStream(resource)) {
            assertThat(raw).as(resource).isNotNull();
            DataInputStream in = new DataInputStream(raw);
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            Map<Integer, String> utf8 = constantPoolStrings(in);
            in.skipBytes(6); // access flags, this class, super class
            in.skipBytes(2 * in.readUnsignedShort()); // interfaces
            skipMembers(in); // fields
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.readUnsignedShort(); // access flags
                String methodName = utf8.get(in.readUnsignedShort());
                String methodDescriptor = utf8.get(in.readUnsignedShort());
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8.get(in.readUnsignedShort());
                    int length = in.readInt();
                    if (attribute.equals("Code") && methodName.equals(name) && methodDescriptor.equals(descriptor)) {
                        in.skipBytes(4); // max stack, max locals
                        return in.readInt();
                    }
                    in.skipBytes(length);
                }
            }
        }
        throw new AssertionError(type.getName() + " has no method " + name + descriptor);
    }

    private static Map<Integer, String> constantPoolStrings(DataInputStream in) throws IOException {
        Map<Integer, String> utf8 = new HashMap<>();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(i, in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or a double takes two entries
                }
                default -> throw new AssertionError("unknown constant pool tag " + tag);
            }
        }
        return utf8;
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int members = in.readUnsignedShort();
        for (int f = 0; f < members; f++) {
            in.skipBytes(6); // access flags, name, descriptor
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.skipBytes(2);
                in.skipBytes(in.readInt());
            }
        }
    }
}
