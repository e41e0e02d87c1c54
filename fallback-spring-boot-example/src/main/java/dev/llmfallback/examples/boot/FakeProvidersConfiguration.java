package dev.llmfallback.examples.boot;

import dev.llmfallback.examples.fake.Behaviour;
import dev.llmfallback.examples.fake.FakeProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Under the Spring profile {@code fakes}: local fake Anthropic and OpenAI servers on 127.0.0.1 (real wire formats,
 * ephemeral ports, stopped with the context), and the {@link ProviderEndpoints} that point the SDK clients at
 * them. The fake Anthropic answers every request as {@code example.fakes.anthropic} says: {@code overloaded}
 * (the default: 529 {@code overloaded_error}), {@code rate-limited} (429), {@code bad-request} (400, the caller's
 * fault: the chain stops) or {@code answer}. The fake OpenAI answers.
 */
@Configuration(proxyBeanMethods = false)
@Profile("fakes")
public class FakeProvidersConfiguration {

    /** Made by Spring. */
    public FakeProvidersConfiguration() {
    }

    /**
     * The fake Anthropic.
     *
     * @param behaviour {@code example.fakes.anthropic}
     * @return the running server
     */
    @Bean(destroyMethod = "close")
    public FakeProvider anthropicFake(@Value("${example.fakes.anthropic:overloaded}") String behaviour) {
        return FakeProvider.anthropic(behaviour(behaviour));
    }

    /**
     * The fake OpenAI, answering.
     *
     * @return the running server
     */
    @Bean(destroyMethod = "close")
    public FakeProvider openAiFake() {
        return FakeProvider.openAi();
    }

    /**
     * The fakes' endpoints, with placeholder keys.
     *
     * @param anthropicFake the fake Anthropic
     * @param openAiFake    the fake OpenAI
     * @return the endpoints
     */
    @Bean
    public ProviderEndpoints providerEndpoints(@Qualifier("anthropicFake") FakeProvider anthropicFake,
            @Qualifier("openAiFake") FakeProvider openAiFake) {
        return new ProviderEndpoints(anthropicFake.baseUrl(), "sk-fake", openAiFake.baseUrl(), "sk-fake");
    }

    static Behaviour behaviour(String name) {
        switch (name) {
            case "overloaded":
                return Behaviour.overloaded();
            case "rate-limited":
                return Behaviour.status(429);
            case "bad-request":
                return Behaviour.status(400);
            case "answer":
                return Behaviour.answer();
            default:
                throw new IllegalArgumentException("example.fakes.anthropic = \"" + name + "\" is not one of "
                        + "overloaded, rate-limited, bad-request, answer");
        }
    }
}
