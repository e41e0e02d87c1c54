package dev.llmfallback.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the weaving ABI: every public type and member of {@code dev.llmfallback.weaving}, which classes woven
 * by an earlier version of llm-fallback call. Renaming or changing one fails this test, and so the build,
 * before it can fail a user's woven jar with {@code NoSuchMethodError}.
 */
class WeavingAbiTest {

    private static final String PINNED = "abi.txt";

    @Test
    public void theWeavingAbi_isExactlyThePinnedOne() throws Exception {
        String actual = String.join("\n", describe(publicTypes())) + "\n";
        String pinned;
        try (InputStream in = WeavingAbiTest.class.getResourceAsStream(PINNED)) {
            assertThat(in).as(PINNED + " on the test class path").isNotNull();
            pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual).as("The weaving ABI changed. Classes woven by earlier versions call these members, so a "
                + "change breaks their jars with NoSuchMethodError: keep the old members, or make it a major version "
                + "and update fallback-annotations/src/test/resources/dev/llmfallback/weaving/" + PINNED)
                .isEqualTo(pinned);
    }

    /** The package's public classes, from the compiled classes directory. */
    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(WovenChains.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/llmfallback/weaving");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("package-info.class")) {
                    Class<?> type = Class.forName("dev.llmfallback.weaving." + name.substring(0, name.length() - 6));
                    if (Modifier.isPublic(type.getModifiers())) {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }

    private static List<String> describe(List<Class<?>> types) {
        List<String> lines = new ArrayList<>();
        for (Class<?> type : types) {
            lines.add(Modifier.toString(type.getModifiers()) + " " + type.getName() + " extends "
                    + type.getSuperclass().getName());
            List<String> members = new ArrayList<>();
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers()) || Modifier.isProtected(constructor.getModifiers())) {
                    members.add("  " + constructor.toGenericString());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers())) {
                    members.add("  " + method.toGenericString());
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers()) || Modifier.isProtected(field.getModifiers())) {
                    members.add("  " + field.toGenericString());
                }
            }
            members.sort(null);
            lines.addAll(members);
        }
        return lines;
    }
}
