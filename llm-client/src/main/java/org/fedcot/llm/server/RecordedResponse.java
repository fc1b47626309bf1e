package org.fedcot.llm.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A 200 response as it was sent, whole or streamed, kept so that a repeated request can be answered with
 * the same bytes.
 *
 * @param contentType the Content-Type it went out with
 * @param body        every byte of its body
 */
record RecordedResponse(String contentType, byte[] body) {
    /** Sends it again on {@code exchange}. */
    void send(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
