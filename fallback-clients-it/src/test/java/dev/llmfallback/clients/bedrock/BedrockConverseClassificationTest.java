package dev.llmfallback.clients.bedrock;

import dev.llmfallback.clients.Client;
import dev.llmfallback.clients.ClientClassificationTest;
import dev.llmfallback.clients.Fake;
import dev.llmfallback.clients.Provider;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The AWS SDK v2 {@code BedrockRuntimeClient.converse}, {@code endpointOverride} to the fake Bedrock, retries
 * off ({@code AwsRetryStrategy.doNotRetry()}), the Apache 5 HTTP client's socket timeout as the read timeout.
 */
class BedrockConverseClassificationTest extends ClientClassificationTest {

    @Override
    protected Client client() {
        return new Client() {
            @Override
            public String artifact() {
                return "bedrockruntime";
            }

            @Override
            public String version() {
                return Client.versionOf("awssdk.version");
            }

            @Override
            public Provider provider() {
                return Provider.BEDROCK;
            }

            @Override
            public String configuration() {
                return "`retryStrategy(AwsRetryStrategy.doNotRetry())`, Apache 5 client `socketTimeout(...)`";
            }

            // AwsServiceException: statusCode(), awsErrorDetails().sdkHttpResponse().headers(), the error code.
            @Override
            public boolean exposesHeaders() {
                return true;
            }

            @Override
            public boolean exposesErrorCode() {
                return true;
            }

            @Override
            public String chat(Fake fake, Duration timeout, String prompt) {
                try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                        .endpointOverride(URI.create(fake.root()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("AKIAFAKEFAKEFAKEFAKE", "fake-secret-key")))
                        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(timeout).connectionTimeout(timeout))
                        .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
                    ConverseResponse response = client.converse(request -> request
                            .modelId("anthropic.claude-3-5-haiku-20241022-v1:0")
                            .messages(Message.builder().role(ConversationRole.USER)
                                    .content(ContentBlock.fromText(prompt)).build()));
                    return response.output().message().content().get(0).text();
                }
            }
        };
    }
}
