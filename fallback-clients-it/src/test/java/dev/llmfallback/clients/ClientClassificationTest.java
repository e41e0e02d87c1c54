package dev.llmfallback.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends real requests through one real client ({@link #client()}) to a fake server, once per {@link Case},
 * and checks what {@code Failures} and every built-in predicate make of the exception the client actually
 * throws: the status read, {@code retryAfter}, network/timeout, quota or billing, and each predicate's
 * decision against SPEC §6 ({@link Spec}), and how many requests reached the fake (its own retries are off).
 *
 * <p>The measured rows, exception classes included, are the client's table in {@code docs/PROVIDERS.md}: this
 * test fails when the file is out of date, and rewrites it when run with {@code -Dproviders.docs.update=true}.
 * One subclass per client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClientClassificationTest {

    /** The prompt sent; nothing about it matters to the fakes. */
    public static final String PROMPT = "Providers go down. Summarise this.";

    private final Map<Case, Measured> measured = new EnumMap<>(Case.class);

    /** The client under test. */
    protected abstract Client client();

    Stream<Case> cases() {
        return Stream.of(Case.values());
    }

    @Test
    void answersThroughTheFake() throws Exception {
        Client client = client();
        try (Fake fake = client.provider().answering()) {
            String answer = client.chat(fake, Case.LONG_TIMEOUT, PROMPT);
            assertThat(answer).as("%s's answer from the fake", client.artifact()).contains("Providers go down.");
            assertThat(fake.requests()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predicatesDecideAsSpecifiedOnWhatTheClientThrows(Case wireCase) {
        Client client = client();
        Throwable failure;
        int requests;
        try (Fake fake = client.provider().failing(wireCase)) {
            failure = catchThrowable(() -> client.chat(fake, wireCase.clientTimeout(), PROMPT));
            requests = fake.requests();
        }
        assertThat(failure).as("%s on %s", client.artifact(), wireCase.label(client.provider()))
                .isInstanceOf(RuntimeException.class);
        Measured result = Measured.of(failure, requests, client, wireCase);
        measured.put(wireCase, result);
        assertThat(result.deviations())
                .as("%s on %s threw %s ← %s; differences from SPEC §6", client.artifact(),
                        wireCase.label(client.provider()), result.exception(), result.cause())
                .isEmpty();
    }

    /** Renders the measured table and checks it against (or writes it into) docs/PROVIDERS.md. */
    @AfterAll
    void tableInTheDocsIsWhatWasMeasured() throws IOException {
        String docProperty = System.getProperty("providers.doc");
        if (measured.size() != Case.values().length || docProperty == null) {
            return; // a filtered run (-Dtest=...#method) or an IDE run outside Maven: nothing to compare
        }
        Path doc = Path.of(docProperty);
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        String updated = DocBlock.replace(text, client().artifact() + " " + client().version(), table());
        if (updated.equals(text)) {
            return;
        }
        if (Boolean.getBoolean("providers.docs.update")) {
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            return;
        }
        Path generated = Path.of("target", "PROVIDERS.generated.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, updated, StandardCharsets.UTF_8);
        fail(doc + " does not show what was measured for " + client().artifact() + " (see "
                + generated.toAbsolutePath() + "). Update it with: mvn -pl <this module> -am verify "
                + "-Dtest=" + getClass().getSimpleName() + " -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dproviders.docs.update=true");
    }

    private String table() {
        Client client = client();
        List<String> lines = new ArrayList<>();
        lines.add("Measured with `" + client.artifact() + "` " + client.version() + ", " + client.configuration()
                + ". **next** = the chain moves on, stop = the failure is rethrown; \"sent\" = requests that "
                + "reached the fake. ⚠ would mark a difference from SPEC §6 (none).");
        lines.add("");
        lines.addAll(Measured.tableHeader());
        measured.forEach((wireCase, row) -> lines.add(row.tableRow(wireCase.label(client.provider()))));
        return String.join("\n", lines);
    }
}
