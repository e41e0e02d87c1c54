package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.llmfallback.examples.fake.FakeProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends real requests through anthropic-java and openai-java to the fake providers, one per failure the
 * fakes can produce, and checks what {@code Failures} and every built-in predicate make of the exception the
 * SDK actually throws against SPEC §6.
 *
 * <p>The SDKs are configured as the docs recommend: {@code maxRetries(0)} and a per-call timeout (300 ms
 * for the hangs, so that they end quickly; 10 s otherwise). The measured table is the one in
 * {@code docs/PROVIDERS.md}: this test fails when the file is out of date, and rewrites it when run with
 * {@code -Dproviders.docs.update=true}.
 */
class SdkClassificationTest {

    static final String PROMPT = "Providers go down. Summarise this.";

    private static final Map<Sdk, Map<WireCase, Classification>> MEASURED = new ConcurrentHashMap<>();

    static Stream<Arguments> everySdkAndFailure() {
        return Stream.of(Sdk.values())
                .flatMap(sdk -> Stream.of(WireCase.values()).map(wireCase -> Arguments.of(sdk, wireCase)));
    }

    static Classification measure(Sdk sdk, WireCase wireCase) {
        Throwable failure;
        int requests;
        try (FakeProvider fake = sdk.fake(wireCase.behaviour())) {
            failure = catchThrowable(
                    () -> sdk.send(fake, wireCase.requestTimeout(), wireCase.readTimeout(), PROMPT));
            requests = fake.requestCount();
        }
        assertThat(failure).as("%s on %s", sdk, wireCase.label()).isInstanceOf(RuntimeException.class);
        return Classification.of(failure, requests, wireCase);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everySdkAndFailure")
    void predicatesDecideAsSpecifiedOnWhatTheSdkThrows(Sdk sdk, WireCase wireCase) {
        Classification measured = measure(sdk, wireCase);
        MEASURED.computeIfAbsent(sdk, s -> new EnumMap<>(WireCase.class)).put(wireCase, measured);

        assertThat(measured.deviations())
                .as("%s on %s threw %s; differences from SPEC §6", sdk, wireCase.label(), measured.exception())
                .isEmpty();
        assertThat(measured.requests()).as("requests that reached the fake").isEqualTo(expectedRequests(sdk, wireCase));
    }

    // maxRetries(0): every failure reaches the fake once and the chain sees it at once. Two exceptions: a
    // refused connection never reaches it, and OkHttp itself repeats a 408 once unless retryOnConnectionFailure
    // is off, which anthropic-java turns off and openai-java does not.
    private static int expectedRequests(Sdk sdk, WireCase wireCase) {
        if (wireCase == WireCase.REFUSE) {
            return 0;
        }
        return sdk == Sdk.OPENAI && wireCase == WireCase.REQUEST_TIMEOUT_408 ? 2 : 1;
    }

    /** Renders the measured tables and checks them against (or writes them into) docs/PROVIDERS.md. */
    @AfterAll
    static void tableInTheDocsIsWhatWasMeasured() throws IOException {
        boolean complete = MEASURED.size() == Sdk.values().length
                && MEASURED.values().stream().allMatch(rows -> rows.size() == WireCase.values().length);
        String docProperty = System.getProperty("providers.doc");
        if (!complete || docProperty == null) {
            return; // a filtered run (-Dtest=...#method) or an IDE run outside Maven: nothing to compare
        }
        Path doc = Path.of(docProperty);
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        String updated = text;
        for (Sdk sdk : Sdk.values()) {
            updated = GeneratedBlock.replace(updated, sdk.artifact(), table(sdk));
        }
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
        fail(doc + " does not show what was measured (see " + generated.toAbsolutePath() + "). Update it with: "
                + "mvn -pl fallback-examples -am verify -Dtest=SdkClassificationTest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dproviders.docs.update=true");
    }

    static String table(Sdk sdk) {
        List<String> lines = new ArrayList<>();
        lines.add("Measured with `" + sdk.artifact() + "` " + sdk.version() + ", `maxRetries(0)`. Decisions: "
                + "**next** = the chain moves on to the next provider, stop = the failure is rethrown. "
                + "\"sent\" = requests that reached the fake. ⚠ would mark a difference from SPEC §6 (none).");
        lines.add("");
        StringBuilder header = new StringBuilder(
                "| on the wire | exception the SDK throws (← its cause) | sent | `statusCode` | `retryAfter` | `isNetwork` | `isTimeout` |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|---|");
        for (Predicate predicate : Predicate.values()) {
            header.append(' ').append(predicate).append(" |");
            rule.append("---|");
        }
        lines.add(header.toString());
        lines.add(rule.toString());
        MEASURED.get(sdk).forEach((wireCase, measured) -> lines.add(measured.tableRow(wireCase)));
        return String.join("\n", lines);
    }
}
