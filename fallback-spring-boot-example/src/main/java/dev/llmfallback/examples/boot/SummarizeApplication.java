package dev.llmfallback.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application: component scan of this package, Boot's auto-configuration (the starter's included). Run it
 * with the profile {@code fakes} to have it start local fake providers (README, "Spring Boot").
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SummarizeApplication {

    /** Made by Spring. */
    public SummarizeApplication() {
    }

    /**
     * Starts the application.
     *
     * @param args Spring Boot's command-line arguments, e.g. {@code --spring.profiles.active=fakes}
     */
    public static void main(String[] args) {
        SpringApplication.run(SummarizeApplication.class, args);
    }
}
