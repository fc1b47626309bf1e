package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries against scripted faults, counted on the server side; the waits between attempts are read off a
 * {@link FakeTime}, not measured.
 */
class RetryTest {
    /** Four attempts, a few milliseconds apart (backoff 5, 10, 20 ms before jitter). */
    static final RetryPolicy FAST =
            new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

    /** Where the virtual clocks of these tests start: a date in the RFC's own example format. */
    private static final Instant START = Instant.parse("2026-10-21T07:28:00Z");

    static ClientConfig config(URI baseUrl) {
        return ClientConfig.of(baseUrl, "test-model")
                .withRetry(FAST)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static LlmResponse completeOnce(FaultServer server, ClientConfig config) throws IOException {
        return completeOnce(server, config, TimeSource.SYSTEM);
    }

    private static LlmResponse completeOnce(FaultServer server, ClientConfig config, TimeSource time)
            throws IOException {
        try (LlmClient client = LlmClient.open(config, name -> null, time)) {
            return client.complete(new CompletionRequest("two plus two"));
        }
    }

    @Test
    void serverErrorsAreRetriedUntilAnswered() throws IOException {
        try (FaultServer server =
                FaultServer.scripted(FaultServer.error(500, "boom"), FaultServer.error(502, "bad gateway"))) {
            LlmResponse r = completeOnce(server, config(server.baseUrl()));
            assertEquals("echo: two plus two", r.text());
            List<FaultServer.Received> log = server.received();
            assertEquals(3, log.size());
            assertEquals(
                    1,
                    log.stream().map(FaultServer.Received::body).distinct().count(),
                    "every attempt sends the same body");
            assertEquals("/v1/completions", log.getFirst().path());
        }
    }

    @Test
    void malformedBodiesAndDroppedConnectionsAreRetried() throws IOException {
        try (FaultServer server =
                FaultServer.scripted(FaultServer.malformed(), new FaultServer.Drop(), new FaultServer.DropMidBody())) {
            assertEquals(
                    "echo: two plus two",
                    completeOnce(server, config(server.baseUrl())).text());
            assertEquals(4, server.received().size());
        }
    }

    @Test
    void backoffDoublesWithJitterBetweenAttempts() throws IOException {
        FakeTime time = new FakeTime(START);
        try (FaultServer server = FaultServer.start(r -> FaultServer.error(503, "overloaded"))) {
            assertThrows(LlmException.class, () -> completeOnce(server, config(server.baseUrl()), time));
            assertEquals(4, server.received().size());
        }
        List<Duration> waits = time.waits();
        assertEquals(3, waits.size(), "a wait before each retry: " + waits);
        // equal jitter: the wait before retry k lies in [b/2, b], b = 5 ms doubled k - 1 times
        for (int k = 1; k <= 3; k++) {
            Duration b = Duration.ofMillis(5L << (k - 1));
            Duration w = waits.get(k - 1);
            assertTrue(w.compareTo(b.dividedBy(2)) >= 0 && w.compareTo(b) <= 0, "wait before retry " + k + ": " + w);
        }
    }

    @Test
    void slowAnswerTimesOutAndIsRetried() throws IOException {
        // the first answer never comes; the HTTP client's own request timeout (real time) gives up on it
        try (FaultServer server =
                FaultServer.start(r -> r.index() == 0 ? new FaultServer.Hang() : FaultServer.echo(r))) {
            ClientConfig c = config(server.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
            assertEquals("echo: two plus two", completeOnce(server, c).text());
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void retryAfterSecondsIsWaited() throws IOException {
        assertEquals(List.of(Duration.ofSeconds(1)), waitsAfterTooManyRequests("1", FAST));
    }

    @Test
    void retryAfterHttpDateIsWaitedFromNow() throws IOException {
        // a date 2 s after the client's clock reads; far from the real now, so only the client's clock gives 2 s
        String at =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(2).atZone(ZoneOffset.UTC));
        assertEquals(List.of(Duration.ofSeconds(2)), waitsAfterTooManyRequests(at, FAST));
    }

    @Test
    void retryAfterIsCutToTheConfiguredMaximum() throws IOException {
        RetryPolicy upTo50ms = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(50));
        assertEquals(List.of(Duration.ofMillis(50)), waitsAfterTooManyRequests("3600", upTo50ms));
    }

    /**
     * The waits asked for under {@code policy} when the first attempt gets a 429 with {@code retryAfter} and
     * the second an answer.
     */
    private static List<Duration> waitsAfterTooManyRequests(String retryAfter, RetryPolicy policy) throws IOException {
        FakeTime time = new FakeTime(START);
        try (FaultServer server = FaultServer.scripted(FaultServer.tooManyRequests(retryAfter))) {
            ClientConfig c = config(server.baseUrl()).withRetry(policy);
            assertEquals("echo: two plus two", completeOnce(server, c, time).text());
            assertEquals(2, server.received().size());
        }
        return time.waits();
    }

    @Test
    void givesUpAfterTheLastAttemptWithOneClearLine() throws IOException {
        try (FaultServer server = FaultServer.start(r -> FaultServer.error(503, "the engine is\n overloaded"))) {
            LlmException e = assertThrows(LlmException.class, () -> completeOnce(server, config(server.baseUrl())));
            assertEquals(
                    "POST " + server.baseUrl() + "/completions failed after 4 attempts; last: HTTP 503: "
                            + "the engine is overloaded",
                    e.getMessage());
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
        assertTrue(
                e.getMessage().startsWith("POST " + nobody + "/completions failed after 4 attempts; last: "),
                e.getMessage());
        assertEquals(4, e.attempts());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404})
    void clientErrorsFailAtOnce(int status) throws IOException {
        try (FaultServer server =
                FaultServer.start(r -> FaultServer.error(status, "The model `test-model` does not exist"))) {
            LlmException e = assertThrows(LlmException.class, () -> completeOnce(server, config(server.baseUrl())));
            assertEquals(
                    "POST " + server.baseUrl() + "/completions: HTTP " + status
                            + ": The model `test-model` does not exist",
                    e.getMessage());
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
}
