package dev.llmfallback.clients;

import mockwebserver3.MockResponse;

/** What a gateway in front of any API (a load balancer, a CDN) sends for 502: an HTML page, not the API's JSON. */
final class Html {

    private static final String BAD_GATEWAY = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

    private Html() {
    }

    static MockResponse badGateway() {
        return new MockResponse.Builder().code(502).addHeader("content-type", "text/html").body(BAD_GATEWAY).build();
    }
}
