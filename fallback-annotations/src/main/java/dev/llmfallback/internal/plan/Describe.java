package dev.llmfallback.internal.plan;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Method and parameter descriptions for configuration messages. Stateless and thread-safe. */
final class Describe {

    private Describe() {
    }

    /** {@code Summarizer.callOpenAi(String)}. */
    static String method(Method method) {
        return type(method.getDeclaringClass()) + "." + method.getName() + parameters(method.getParameterTypes());
    }

    /**
     * {@code Summarizer}: the simple name; for a class without one, a name a person can find in the source:
     * {@code Provider.ANTHROPIC} for the body of an enum constant, {@code Summarizer$1} (the binary name
     * without its package) for another anonymous class.
     */
    static String type(Class<?> type) {
        String simple = type.getSimpleName();
        if (!simple.isEmpty()) {
            return simple;
        }
        String constant = enumConstant(type);
        if (constant != null) {
            return constant;
        }
        String binary = type.getName();
        return binary.substring(binary.lastIndexOf('.') + 1);
    }

    /** {@code Provider.ANTHROPIC} if {@code body} is the body of that enum constant, else null. */
    private static String enumConstant(Class<?> body) {
        Class<?> enumType = body.getSuperclass();
        if (enumType == null || !enumType.isEnum()) {
            return null;
        }
        try {
            // Null while the enum is still creating its constants (a report from the body's initializer).
            Object[] constants = enumType.getEnumConstants();
            for (Object constant : constants == null ? new Object[0] : constants) {
                if (constant.getClass() == body) {
                    return type(enumType) + "." + ((Enum<?>) constant).name();
                }
            }
        } catch (RuntimeException | LinkageError unavailable) {
            // the binary name will do
        }
        return null;
    }

    /** {@code (String, int)}. */
    static String parameters(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
