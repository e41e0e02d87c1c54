package dev.llmfallback.examples.boot;

import dev.llmfallback.AllProvidersFailedException;
import dev.llmfallback.Attempt;
import dev.llmfallback.FallbackTrace;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /summarize} with {@code {"text": "..."}}: the summary, who served it and the path the chain took,
 * read from {@link FallbackTrace#current()} on the request's thread. When every provider failed, 503 with the
 * {@link AllProvidersFailedException}'s message (which names providers and failures, never the text). Thread-safe.
 */
@RestController
public class SummarizeController {

    private static final Logger log = LoggerFactory.getLogger(SummarizeController.class);

    private final Summarizer summarizer;

    /**
     * Made by Spring.
     *
     * @param summarizer the chain's bean
     */
    public SummarizeController(Summarizer summarizer) {
        this.summarizer = summarizer;
    }

    /**
     * Summarises a text.
     *
     * @param request the text
     * @return the summary and how it was made
     */
    @PostMapping(path = "/summarize", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public SummaryResponse summarize(@RequestBody SummaryRequest request) {
        String summary = summarizer.summarize(request.text());
        FallbackTrace trace = FallbackTrace.current();
        // The trace never holds the text: safe to log.
        log.info("summary: {}", trace);
        return new SummaryResponse(summary, trace.winner().map(Attempt::provider).orElse(null), path(trace));
    }

    /**
     * Every provider failed.
     *
     * @param failure the chain's exception
     * @return what the client sees, with status 503
     */
    @ExceptionHandler(AllProvidersFailedException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    public FailureResponse allFailed(AllProvidersFailedException failure) {
        log.warn("no summary: {}", failure.getMessage());
        return new FailureResponse(failure.getMessage(), path(FallbackTrace.current()));
    }

    /** One entry per attempt, e.g. {@code anthropic FAILED (529 overloaded)}, {@code openai SUCCEEDED}. */
    static List<String> path(FallbackTrace trace) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < trace.attempts().size(); i++) {
            Attempt attempt = trace.attempts().get(i);
            String step = attempt.provider() + " " + attempt.outcome();
            path.add(trace.summary(i).map(why -> step + " (" + why + ")").orElse(step));
        }
        return List.copyOf(path);
    }

    /**
     * The request body.
     *
     * @param text the text to summarise
     */
    public record SummaryRequest(String text) {
    }

    /**
     * The answer.
     *
     * @param summary  the summary
     * @param servedBy the provider label of the link that answered
     * @param path     every attempt, in order, with its outcome and, for a failure, why
     */
    public record SummaryResponse(String summary, String servedBy, List<String> path) {
    }

    /**
     * The answer when every provider failed.
     *
     * @param error the chain's message: each provider and its failure
     * @param path  every attempt, in order
     */
    public record FailureResponse(String error, List<String> path) {
    }
}
