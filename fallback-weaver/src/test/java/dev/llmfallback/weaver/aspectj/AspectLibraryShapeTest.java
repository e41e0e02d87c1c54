package dev.llmfallback.weaver.aspectj;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The two ways the aspect library silently breaks for its users, caught at build time: an @Aspect compiled
 * by javac alone (weaves, then NoSuchMethodError: aspectOf() at run time), and one compiled without local
 * variable debug info (the load-time weaver rejects it and the app runs un-intercepted).
 */
class AspectLibraryShapeTest {

    @Test
    public void aspectWasCompiledByAjc_soWovenCodeFindsAspectOf() throws Exception {
        Method aspectOf = LlmFallbackAspect.class.getMethod("aspectOf");

        assertThat(Modifier.isStatic(aspectOf.getModifiers())).isTrue();
        assertThat(aspectOf.invoke(null)).isInstanceOf(LlmFallbackAspect.class);
        assertThat(LlmFallbackAspect.class.getMethod("hasAspect").invoke(null)).isEqualTo(true);
    }

    @Test
    public void aspectKeepsLocalVariableDebugInfo_soTheLoadTimeWeaverAcceptsIt() throws IOException {
        assertThat(classFileText(LlmFallbackAspect.class)).contains("LocalVariableTable");
    }

    @Test
    public void aopXml_declaresTheAspect() throws IOException {
        try (InputStream xml = LlmFallbackAspect.class.getClassLoader().getResourceAsStream("META-INF/aop.xml")) {
            assertThat(xml).isNotNull();
            assertThat(new String(xml.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<aspect name=\"" + LlmFallbackAspect.class.getName() + "\"/>");
        }
    }

    private static String classFileText(Class<?> type) throws IOException {
        try (InputStream bytes = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            // Attribute names are UTF-8 constants in the class file; ISO-8859-1 keeps every byte.
            return new String(bytes.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
