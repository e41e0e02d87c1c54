package dev.llmfallback.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fakes' success JSON is what the real SDKs accept, with their response validation on. */
class SdkAnswerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void sdkParsesTheFakesAnswer(Sdk sdk) {
        try (FakeProvider fake = sdk.fake(Behaviour.answer())) {
            String answer = sdk.send(fake, TIMEOUT, TIMEOUT, "Providers go down. Then they come back.");

            assertThat(answer).isEqualTo("[fake " + fake.name() + "] Providers go down.");
        }
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void scriptedFailureIsFollowedByTheStandingAnswer(Sdk sdk) {
        try (FakeProvider fake = sdk.fake(Behaviour.answer())) {
            fake.enqueue(Behaviour.overloaded());

            Throwable first = org.assertj.core.api.Assertions.catchThrowable(
                    () -> sdk.send(fake, TIMEOUT, TIMEOUT, "One."));
            String second = sdk.send(fake, TIMEOUT, TIMEOUT, "Two.");

            assertThat(dev.llmfallback.Failures.statusCode(first)).hasValue(529);
            assertThat(second).endsWith("Two.");
        }
    }
}
