package dev.llmfallback.agentit;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads {@code NoApiClient} from the app classes (args[0]) in a loader that does not see fallback-annotations,
 * and calls its head twice (on two instances): unwoven, the head's own body runs.
 */
public final class NoApiLauncher {

    private NoApiLauncher() {
    }

    public static void main(String[] args) throws Exception {
        URL[] urls = {Path.of(args[0]).toUri().toURL()};
        try (URLClassLoader noApi = new URLClassLoader("no-api", urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> client = noApi.loadClass("dev.llmfallback.agentit.apps.NoApiClient");
            for (int call = 0; call < 2; call++) {
                Object instance = client.getConstructor().newInstance();
                try {
                    System.out.println("call " + call + ": " + client.getMethod("head", String.class).invoke(instance, "p"));
                } catch (java.lang.reflect.InvocationTargetException failure) {
                    System.out.println("call " + call + ": " + failure.getCause());
                }
            }
        }
    }
}
