package dev.llmfallback.spring.boot.app;

import dev.llmfallback.LlmFallback;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with a chain whose {@code next} names no method (a typo): it must not start. The bean is lazy,
 * so that only the validation, not its creation, can find the mistake.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class MisconfiguredApp {

    @Bean
    @org.springframework.context.annotation.Lazy
    Typo typo() {
        return new Typo();
    }

    /** {@code next = "callOpenAl"}: the method is {@code callOpenAi}. */
    public static class Typo {

        @LlmFallback(next = "callOpenAl")
        public String callAnthropic(String prompt) {
            return "anthropic";
        }

        public String callOpenAi(String prompt) {
            return "openai";
        }
    }
}
