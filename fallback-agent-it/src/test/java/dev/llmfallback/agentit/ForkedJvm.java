package dev.llmfallback.agentit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts a JVM of the JDK running the tests, as a user would start the app, and collects what it says. */
final class ForkedJvm {

    /** The agent jar fallback-weaver built. */
    static final Path AGENT_JAR = path("agentit.agentJar");
    /** fallback-annotations, the API and engine. */
    static final Path API_JAR = path("agentit.apiJar");
    /** This module's unwoven programs. */
    static final Path CLASSES = path("agentit.classes");
    /** This module's test classes (the launchers). */
    static final Path TEST_CLASSES = path("agentit.testClasses");

    private final List<String> command = new ArrayList<>();
    private boolean mergeOutput;

    private ForkedJvm() {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A JVM started with {@code -javaagent:} the real agent jar. */
    static ForkedJvm withAgent() {
        return new ForkedJvm().jvmArgs("-javaagent:" + AGENT_JAR);
    }

    /** A JVM started without the agent. */
    static ForkedJvm withoutAgent() {
        return new ForkedJvm();
    }

    ForkedJvm jvmArgs(String... args) {
        command.addAll(Arrays.asList(args));
        return this;
    }

    /** Stdout and stderr as one stream, in the order the JVM wrote them. */
    ForkedJvm mergeOutput() {
        mergeOutput = true;
        return this;
    }

    Result run(List<Path> classPath, String mainClass, String... args) {
        List<String> all = new ArrayList<>(command);
        all.add("-cp");
        all.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toArray(String[]::new)));
        all.add(mainClass);
        all.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(all).redirectErrorStream(mergeOutput).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + all);
            }
            return new Result(all, process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run through Maven (see fallback-agent-it/pom.xml)");
        }
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " = " + path + " does not exist");
        }
        return path;
    }

    /** What the JVM did. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** The lines of stderr the agent wrote. */
        List<String> agentLines() {
            return stderr.lines().filter(line -> line.startsWith("[llm-fallback agent]")).toList();
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
