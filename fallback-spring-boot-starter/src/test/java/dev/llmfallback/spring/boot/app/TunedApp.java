package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A Boot application whose chains are tuned by configuration ({@link TunedSummaries}) and which probes the context a
 * timed attempt sees ({@link ContextProbe}); with the web starter and the actuator on the test class path it serves
 * the actuator over HTTP when started as a web application.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(FakeSdkClients.class)
public class TunedApp {

    @Bean
    TunedSummaries tunedSummaries(AnthropicClient anthropic, OpenAIClient openAi) {
        return new TunedSummaries(anthropic, openAi);
    }

    @Bean
    ContextProbe contextProbe(ObjectProvider<ObservationRegistry> observations) {
        return new ContextProbe(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
