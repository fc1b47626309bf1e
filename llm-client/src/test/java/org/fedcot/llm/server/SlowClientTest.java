package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that never finish their request: they hold a cheap connection thread, not a model worker, until
 * the request timeout disconnects them, and only so many connections are read at once.
 */
class SlowClientTest {
    /** A request line and a Host header, and never the blank line that ends the headers. */
    private static final String UNFINISHED = "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n";

    private static final String VALID =
            json("model", "tiny-llama", "prompt", "Once upon a time", "max_tokens", 4, "temperature", 0);

    @Test
    void unfinishedRequestsDoNotHoldTheBatch() throws Exception {
        ServerOptions options = ServerOptions.loopback(0).withRequestTimeout(Duration.ofHours(1));
        List<Socket> unfinished = new ArrayList<>();
        try (OpenAiServer server = OpenAiServer.start(TestModels.tinyLlama(), options)) {
            try {
                for (int i = 0; i < options.maxBatch(); i++) {
                    unfinished.add(RawHttp.send(server, UNFINISHED));
                }
                server.connections().awaitOpen(options.maxBatch()); // the server is reading all of them
                JsonNode reply = new Api(server, null).postOk("/completions", VALID);
                assertEquals(1, reply.get("choices").size());
                assertTrue(server.connections().open() >= options.maxBatch(), "the unfinished requests are still open");
            } finally {
                for (Socket s : unfinished) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aRequestNotSentWithinTheTimeoutIsDisconnected() throws IOException {
        ServerOptions options = ServerOptions.loopback(0).withRequestTimeout(Duration.ofMillis(200));
        try (OpenAiServer server = OpenAiServer.start(TestModels.tinyLlama(), options);
                Socket slow = RawHttp.send(server, UNFINISHED)) {
            assertTrue(RawHttp.closedWithoutAnswer(slow));
            assertEquals(200, new Api(server, null).post("/completions", VALID).status());
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosed() throws Exception {
        ServerOptions options = ServerOptions.loopback(0)
                .withRequestTimeout(Duration.ofHours(1))
                .withMaxConnections(2);
        try (OpenAiServer server = OpenAiServer.start(TestModels.tinyLlama(), options);
                Socket first = RawHttp.send(server, UNFINISHED);
                Socket second = RawHttp.send(server, UNFINISHED)) {
            server.connections().awaitOpen(2);
            try (Socket third = RawHttp.send(server, UNFINISHED)) {
                assertTrue(RawHttp.closedWithoutAnswer(third));
            }
            assertEquals(2, server.connections().open());
        }
    }
}
