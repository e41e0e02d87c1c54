package dev.llmfallback.agentit;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Started in its own JVM with nothing but this launcher on the class path: loads the app (args[0], a class
 * directory) and the API jar (args[1]) in a child {@link URLClassLoader}, as app servers and Spring Boot's fat
 * jars do, runs the agent demo in it and says which loader holds the API.
 */
public final class ChildLoaderLauncher {

    private ChildLoaderLauncher() {
    }

    public static void main(String[] args) throws Exception {
        URL[] urls = {Path.of(args[0]).toUri().toURL(), Path.of(args[1]).toUri().toURL()};
        try (URLClassLoader child = new URLClassLoader("app", urls, ClassLoader.getSystemClassLoader())) {
            Class<?> api = child.loadClass("dev.llmfallback.weaving.WovenChains");
            System.out.println("engine loaded by: " + api.getClassLoader().getName());
            Method main = child.loadClass("dev.llmfallback.agentit.demo.AgentDemo").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        }
    }
}
