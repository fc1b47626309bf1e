package org.fedcot.llm.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A response streamed as OpenAI streams: server-sent events {@code data: {json}\n\n}, each flushed
 * as it is written, ending with {@code data: [DONE]\n\n}. A copy of everything sent is kept, so a
 * finished stream can be replayed.
 */
final class ServerSentEvents {
    private static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    private final ObjectMapper mapper;
    private final OutputStream out;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private ServerSentEvents(ObjectMapper mapper, OutputStream out) {
        this.mapper = mapper;
        this.out = out;
    }

    /** Sends the 200 and the event-stream headers at once (the body goes out chunked). */
    static ServerSentEvents open(HttpExchange exchange, ObjectMapper mapper) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        // out now, not with the first event: the client knows it was accepted while its turn in the batch comes
        exchange.getResponseBody().flush();
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

    /** Everything sent so far, as a response to replay. */
    RecordedResponse recorded() {
        return new RecordedResponse(CONTENT_TYPE, copy.toByteArray());
    }

    private void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        copy.writeBytes(bytes);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
