package dev.llmfallback.clients;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A provider's wire format for {@link FakeApi}: which requests it serves, its answer, and its error responses
 * as the real service sends them (status, headers, body).
 */
interface Wire {

    /** Why this request would be refused by the real API (wrong path, no credentials), or null to serve it. */
    String rejects(RecordedRequest request);

    /** A successful answer carrying {@code text}. */
    MockResponse answer(String text);

    /** The error response for {@code failure}, an HTTP error case. */
    MockResponse error(Case failure);
}
