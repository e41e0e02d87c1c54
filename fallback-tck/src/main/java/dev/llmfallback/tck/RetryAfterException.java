package dev.llmfallback.tck;

import java.util.List;
import java.util.Map;

/**
 * A {@link ProviderException} that also carries response headers, as the SDKs' status exceptions do: a public
 * {@code headers()} accessor whose map the library reads {@code retry-after} from by lookup.
 */
public class RetryAfterException extends ProviderException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<String>> headers;

    public RetryAfterException(int status, String retryAfter, String message) {
        super(status, message);
        this.headers = Map.of("retry-after", List.of(retryAfter));
    }

    public Map<String, List<String>> headers() {
        return headers;
    }
}
