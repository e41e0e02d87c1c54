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
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + parameters(method.getParameterTypes());
    }

    /** {@code (String, int)}. */
    static String parameters(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
