package dev.llmfallback.agentit;

import dev.llmfallback.agentit.demo.Summarizer;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;

/**
 * Calls the demo's head on a {@code Summarizer} loaded as usual, then on a hidden class defined from the same
 * class file ({@code Lookup.defineHiddenClass}), and prints what each answered or threw.
 */
public final class HiddenClassLauncher {

    private HiddenClassLauncher() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("loaded as usual: " + call(Summarizer.class));
        byte[] classFile;
        try (InputStream in = Summarizer.class.getResourceAsStream("Summarizer.class")) {
            classFile = in.readAllBytes();
        }
        Class<?> hidden = MethodHandles.privateLookupIn(Summarizer.class, MethodHandles.lookup())
                .defineHiddenClass(classFile, true).lookupClass();
        System.out.println("hidden: " + hidden.isHidden());
        System.out.println("hidden class: " + call(hidden));
    }

    private static String call(Class<?> summarizer) throws ReflectiveOperationException {
        try {
            return String.valueOf(summarizer.getMethod("callAnthropic", String.class)
                    .invoke(summarizer.getConstructor().newInstance(), "p"));
        } catch (InvocationTargetException failure) {
            return failure.getCause().toString();
        }
    }
}
