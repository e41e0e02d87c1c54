package dev.llmfallback.clients.genai;

import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import dev.llmfallback.clients.Case;
import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.time.Duration;
import java.util.List;

/**
 * Google's GenAI SDK ({@code com.google.genai.Client}, Gemini API), base URL overridden to the fake,
 * {@code HttpOptions.timeout(ms)}, its retries off. Unconfigured it tries 5 times with exponential back-off
 * (measured: 14 to 26 s per failure, a hang and a refused connection included); with {@code attempts(1)} alone
 * 2.0.0 still sleeps its first back-off (1 to 2 s) after a retryable status before throwing, so the retryable
 * status list is emptied too.
 */
class GoogleGenAiClassificationTest extends ClientClassificationTest {

    @Override
    protected Client client() {
        return new Client() {
            @Override
            public String artifact() {
                return "google-genai";
            }

            @Override
            public String version() {
                return Client.versionOf("google-genai.version");
            }

            @Override
            public Provider provider() {
                return Provider.GOOGLE;
            }

            @Override
            public String configuration() {
                return "`HttpRetryOptions` `attempts(1)` and `httpStatusCodes(List.of())`, `HttpOptions.timeout(ms)`";
            }

            // ApiException keeps code(), status() and the message; not the headers.
            @Override
            public boolean exposesHeaders() {
                return false;
            }

            @Override
            public boolean exposesErrorCode() {
                return true;
            }

            // Its OkHttp client leaves OkHttp's retryOnConnectionFailure on, and OkHttp itself repeats a request
            // once after a 408.
            @Override
            public int expectedRequests(Case failure) {
                return failure == Case.REQUEST_TIMEOUT_408 ? 2 : Client.super.expectedRequests(failure);
            }

            @Override
            public String chat(Fake fake, Duration timeout, String prompt) {
                try (com.google.genai.Client client = com.google.genai.Client.builder()
                        .apiKey("fake-gemini-key")
                        .vertexAI(false)
                        .httpOptions(HttpOptions.builder()
                                .baseUrl(fake.root() + "/")
                                .timeout((int) timeout.toMillis())
                                .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build())
                                .build())
                        .build()) {
                    GenerateContentResponse response = client.models.generateContent("gemini-2.5-flash", prompt, null);
                    return response.text();
                }
            }
        };
    }
}
