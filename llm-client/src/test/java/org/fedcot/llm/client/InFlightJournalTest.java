package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's side of not asking twice: every request carries its cache key as Idempotency-Key, and the
 * in-flight journal beside the cache counts only requests that were sent and neither answered nor refused.
 * (A run cancelled with requests in flight, and its resume, is ReplayTest's, against the real server.)
 */
class InFlightJournalTest {
    @TempDir
    Path dir;

    private ClientConfig config(FaultServer server) {
        return RetryTest.config(server.baseUrl()).withCacheFile(dir.resolve("cache.jsonl"));
    }

    @Test
    void everyRequestCarriesItsCacheKeyAsItsIdempotencyKey() throws IOException {
        try (FaultServer server = FaultServer.start(FaultServer::echo)) {
            try (LlmClient client = LlmClient.open(config(server))) {
                client.complete(new CompletionRequest("question 1"));
                client.complete(new CompletionRequest("question 2"));
            }
            List<JsonNode> entries = CacheFiles.entries(dir.resolve("cache.jsonl"));
            assertEquals(2, server.received().size());
            for (int i = 0; i < 2; i++) {
                assertEquals(
                        entries.get(i).get("key").asText(),
                        server.received().get(i).headers().get("idempotency-key"));
            }
            try (LlmClient again = LlmClient.open(config(server))) {
                assertEquals(0, again.inFlightAtOpen(), "answered requests are not in flight");
            }
        }
    }

    @Test
    void aRefusedRequestIsNotInFlight() throws IOException {
        try (FaultServer server = FaultServer.start(r -> FaultServer.error(400, "no such thing"))) {
            try (LlmClient client = LlmClient.open(config(server))) {
                assertThrows(LlmException.class, () -> client.complete(new CompletionRequest("question 1")));
            }
            try (LlmClient again = LlmClient.open(config(server))) {
                assertEquals(0, again.inFlightAtOpen());
            }
        }
        List<String> journal = Files.readAllLines(dir.resolve("cache.jsonl.inflight"));
        assertEquals(2, journal.size(), "asked, then settled: " + journal);
    }
}
