package dev.llmfallback.weaver.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads test classes' class files. */
final class ClassFiles {

    private ClassFiles() {
    }

    static byte[] of(Class<?> type) {
        return of(type.getName());
    }

    static byte[] of(String className) {
        try (InputStream in = ClassFiles.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalArgumentException("no class file for " + className);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
