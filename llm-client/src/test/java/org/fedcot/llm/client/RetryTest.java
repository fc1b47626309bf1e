package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries against scripted faults, counted on the server side. */
@Timeout(30)
class RetryTest {
    /** Four attempts, a few milliseconds apart. */
    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

    static ClientConfig config(URI baseUrl) {
        return ClientConfig.of(baseUrl, "test-model").withRetry(FAST)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static LlmResponse completeOnce(FaultServer server, ClientConfig config) throws IOException {
        try (LlmClient client = LlmClient.open(config)) {
            return client.complete(new CompletionRequest("two plus two"));
        }
    }

    @Test
    void serverErrorsAreRetriedUntilAnswered() throws IOException {
        try (FaultServer server = FaultServer.scripted(FaultServer.error(500, "boom"), FaultServer.error(502, "bad gateway"))) {
            LlmResponse r = completeOnce(server, config(server.baseUrl()));
            assertEquals("echo: two plus two", r.text());
            List<FaultServer.Received> log = server.received();
            assertEquals(3, log.size());
            assertEquals(1, log.stream().map(FaultServer.Received::body).distinct().count(), "every attempt sends the same body");
            assertEquals("/v1/completions", log.getFirst().path());
        }
    }

    @Test
    void malformedBodiesAndDroppedConnectionsAreRetried() throws IOException {
        try (FaultServer server = FaultServer.scripted(FaultServer.malformed(), new FaultServer.Drop(),
                new FaultServer.DropMidBody())) {
            assertEquals("echo: two plus two", completeOnce(server, config(server.baseUrl())).text());
            assertEquals(4, server.received().size());
        }
    }

    @Test
    void slowAnswerTimesOutAndIsRetried() throws IOException {
        try (FaultServer server = FaultServer.start(
                r -> r.index() == 0 ? new FaultServer.Slow(Duration.ofSeconds(5), FaultServer.echo(r)) : FaultServer.echo(r))) {
            ClientConfig c = config(server.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
            assertEquals("echo: two plus two", completeOnce(server, c).text());
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void retryAfterSecondsIsWaited() throws IOException {
        try (FaultServer server = FaultServer.scripted(FaultServer.tooManyRequests("1"))) {
            completeOnce(server, config(server.baseUrl()));
            assertGapAtLeast(server.received(), Duration.ofMillis(900));
        }
    }

    @Test
    void retryAfterHttpDateIsWaited() throws IOException {
        // the date has whole seconds: two seconds ahead is at least one second ahead
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        try (FaultServer server = FaultServer.scripted(FaultServer.tooManyRequests(at))) {
            completeOnce(server, config(server.baseUrl()));
            assertGapAtLeast(server.received(), Duration.ofMillis(900));
        }
    }

    @Test
    void retryAfterIsCutToTheConfiguredMaximum() throws IOException {
        try (FaultServer server = FaultServer.scripted(FaultServer.tooManyRequests("3600"))) {
            ClientConfig c = config(server.baseUrl())
                    .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(50)));
            assertEquals("echo: two plus two", completeOnce(server, c).text());
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithOneClearLine() throws IOException {
        try (FaultServer server = FaultServer.start(r -> FaultServer.error(503, "the engine is\n overloaded"))) {
            LlmException e = assertThrows(LlmException.class, () -> completeOnce(server, config(server.baseUrl())));
            assertEquals("POST " + server.baseUrl() + "/completions failed after 4 attempts; last: HTTP 503: "
                    + "the engine is overloaded", e.getMessage());
            assertEquals(4, e.attempts());
            assertEquals(OptionalInt.of(503), e.status());
            assertEquals(4, server.received().size());
        }
    }

    @Test
    void givesUpOnConnectionsThatKeepDropping() throws IOException {
        try (FaultServer server = FaultServer.start(r -> new FaultServer.Drop())) {
            LlmException e = assertThrows(LlmException.class, () -> completeOnce(server, config(server.baseUrl())));
            assertTrue(e.getMessage().contains("failed after 4 attempts; last: connection error: "), e.getMessage());
            assertTrue(e.status().isEmpty());
            assertEquals(4, server.received().size());
        }
    }

    @Test
    void refusedConnectionsAreRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + port + "/v1");
        LlmException e = assertThrows(LlmException.class, () -> {
            try (LlmClient client = LlmClient.open(config(nobody))) {
                client.complete(new CompletionRequest("hello"));
            }
        });
        assertTrue(e.getMessage().startsWith("POST " + nobody + "/completions failed after 4 attempts; last: "),
                e.getMessage());
        assertEquals(4, e.attempts());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404})
    void clientErrorsFailAtOnce(int status) throws IOException {
        try (FaultServer server = FaultServer.start(r -> FaultServer.error(status, "The model `test-model` does not exist"))) {
            LlmException e = assertThrows(LlmException.class, () -> completeOnce(server, config(server.baseUrl())));
            assertEquals("POST " + server.baseUrl() + "/completions: HTTP " + status
                    + ": The model `test-model` does not exist", e.getMessage());
            assertEquals(1, server.received().size());
            assertEquals(1, e.attempts());
        }
    }

    @Test
    void errorWithoutOpenAiBodyQuotesTheBody() throws IOException {
        try (FaultServer server = FaultServer.start(r -> new FaultServer.Respond(400, Map.of(), "no such route"))) {
            LlmException e = assertThrows(LlmException.class, () -> completeOnce(server, config(server.baseUrl())));
            assertTrue(e.getMessage().endsWith(": HTTP 400: no such route"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    private static void assertGapAtLeast(List<FaultServer.Received> log, Duration min) {
        assertEquals(2, log.size());
        long gap = log.get(1).arrivalNanos() - log.get(0).arrivalNanos();
        assertTrue(gap >= min.toNanos(), "second attempt came " + gap / 1_000_000 + " ms after the first");
    }
}
