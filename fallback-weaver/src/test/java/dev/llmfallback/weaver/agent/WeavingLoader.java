package dev.llmfallback.weaver.agent;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A child-first loader that defines the given classes itself, woven by {@link Weaver} as the agent would
 * weave them at load, and optionally serves a replacement class file for other names (a fake engine);
 * everything else comes from the test's loader.
 */
final class WeavingLoader extends ClassLoader {

    private final Set<String> woven;
    private final Map<String, byte[]> replaced = new HashMap<>();
    private final boolean reportAtInit;

    WeavingLoader(Set<String> woven, boolean reportAtInit) {
        super("weaving", WeavingLoader.class.getClassLoader());
        this.woven = woven;
        this.reportAtInit = reportAtInit;
    }

    WeavingLoader replace(String className, byte[] classFile) {
        replaced.put(className, classFile);
        return this;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = replaced.get(name);
                if (bytes == null && woven.contains(name)) {
                    bytes = weave(name);
                }
                loaded = bytes == null ? super.loadClass(name, false) : defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        String className = name.endsWith(".class") ? name.substring(0, name.length() - 6).replace('/', '.') : null;
        byte[] bytes = className == null ? null : replaced.get(className);
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    private byte[] weave(String name) {
        try {
            byte[] woven = new Weaver().weave(this, name.replace('.', '/'), ClassFiles.of(name), reportAtInit);
            if (woven == null) {
                throw new AssertionError("nothing woven in " + name);
            }
            return woven;
        } catch (Weaver.Unweavable e) {
            throw new AssertionError(e);
        }
    }
}
