package org.fedcot.llm.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A response streamed as OpenAI streams: server-sent events {@code data: {json}\n\n}, each flushed
 * as it is written, ending with {@code data: [DONE]\n\n}.
 */
final class ServerSentEvents {
    private final ObjectMapper mapper;
    private final OutputStream out;

    private ServerSentEvents(ObjectMapper mapper, OutputStream out) {
        this.mapper = mapper;
        this.out = out;
    }

    /** Sends the 200 and the event-stream headers (the body goes out chunked). */
    static ServerSentEvents open(HttpExchange exchange, ObjectMapper mapper) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new ServerSentEvents(mapper, exchange.getResponseBody());
    }

    /**
     * Sends one event. Unchecked, so it can be called from a generation's text callback; a client that
     * went away surfaces as an {@link UncheckedIOException} and stops the generation.
     */
    void send(JsonNode event) {
        try {
            write("data: " + mapper.writeValueAsString(event) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the closing {@code [DONE]}. */
    void done() {
        write("data: [DONE]\n\n");
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
