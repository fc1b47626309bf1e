package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON lines cache: hits are not re-sent, failures leave no entry, torn lines are recovered, lines never mix. */
class ResponseCacheTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private ClientConfig config(FaultServer server) {
        return RetryTest.config(server.baseUrl()).withCacheFile(dir.resolve("cache.jsonl"));
    }

    @Test
    void aCachedAnswerIsNotAskedAgain() throws IOException {
        try (FaultServer server = FaultServer.scripted()) {
            CompletionRequest q = new CompletionRequest("why is the sky blue", Sampling.DEFAULT.withTemperature(0));
            try (LlmClient client = LlmClient.open(config(server))) {
                assertFalse(client.complete(q).cached());
                LlmResponse again = client.complete(q);
                assertTrue(again.cached());
                assertEquals("echo: why is the sky blue", again.text());
            }
            try (LlmClient reopened = LlmClient.open(config(server))) {
                LlmResponse r = reopened.complete(q);
                assertTrue(r.cached());
                assertEquals(new Usage(5, 3, 8), r.usage());
                assertEquals(Usage.ZERO, reopened.usage());
                // other sampling parameters are another request
                Sampling warmer = Sampling.DEFAULT.withTemperature(0.7);
                assertFalse(reopened.complete(new CompletionRequest("why is the sky blue", warmer))
                        .cached());
            }
            assertEquals(2, server.received().size());
            assertEquals(2, CacheFiles.entries(dir.resolve("cache.jsonl")).size());
        }
    }

    @Test
    void failedRequestsLeaveNoEntryAndEveryLineParses() throws IOException {
        AtomicInteger flakyAttempts = new AtomicInteger();
        try (FaultServer server =
                FaultServer.start(r -> switch (r.body().path("prompt").asText()) {
                    case "refused" -> FaultServer.error(400, "bad prompt");
                    case "broken" -> r.index() % 2 == 0 ? FaultServer.malformed() : new FaultServer.DropMidBody();
                    case "flaky" ->
                        flakyAttempts.incrementAndGet() <= 2 ? FaultServer.error(500, "flaky") : FaultServer.echo(r);
                    default -> FaultServer.echo(r);
                })) {
            try (LlmClient client = LlmClient.open(config(server))) {
                for (String p : List.of("ok one", "refused", "broken", "flaky", "ok two")) {
                    try {
                        client.complete(new CompletionRequest(p));
                    } catch (LlmException expected) {
                        // refused and broken fail
                    }
                }
            }
            assertEquals(List.of("ok one", "flaky", "ok two"), CacheFiles.prompts(dir.resolve("cache.jsonl")));
            assertEquals(1 + 1 + 4 + 3 + 1, server.received().size());
        }
    }

    @Test
    void aTornFinalLineIsCutOffAndTheCacheGoesOn() throws IOException {
        Path file = dir.resolve("cache.jsonl");
        try (FaultServer server = FaultServer.scripted()) {
            try (LlmClient client = LlmClient.open(config(server))) {
                client.complete(new CompletionRequest("first"));
                client.complete(new CompletionRequest("second"));
            }
            long whole = Files.size(file);
            String line = Files.readAllLines(file).getFirst();
            // a kill in the middle of an append: part of a line, no newline
            Files.writeString(file, line.substring(0, line.length() / 2), StandardOpenOption.APPEND);
            try (LlmClient client = LlmClient.open(config(server))) {
                assertEquals(whole, Files.size(file), "the torn line is cut off on open");
                assertTrue(client.complete(new CompletionRequest("first")).cached());
                assertFalse(client.complete(new CompletionRequest("third")).cached());
            }
            assertEquals(List.of("first", "second", "third"), CacheFiles.prompts(file));
            assertEquals(3, server.received().size());
        }
    }

    @Test
    void aFinalLineOfZerosIsCutOffToo() throws IOException {
        Path file = dir.resolve("cache.jsonl");
        try (FaultServer server = FaultServer.scripted()) {
            try (LlmClient client = LlmClient.open(config(server))) {
                client.complete(new CompletionRequest("first"));
            }
            // what a power cut can leave: the file grew, the data never arrived
            Files.write(file, new byte[300], StandardOpenOption.APPEND);
            try (ResponseCache cache = ResponseCache.open(file)) {
                assertEquals(1, cache.size());
            }
            assertEquals(List.of("first"), CacheFiles.prompts(file));
        }
    }

    @Test
    void aFileThatIsNotACacheIsRefusedAndLeftAsItIs() throws IOException {
        String[] notCaches = {
            "an ordinary line of text without a line end",
            "an ordinary line of text\n",
            "{\"a\": \"JSON object\", \"but\": \"no cache entry\"}\n"
        };
        for (String text : notCaches) {
            Path file = Files.writeString(dir.resolve("notes.txt"), text);
            IOException e = assertThrows(
                    IOException.class, () -> ResponseCache.open(file).close(), text);
            assertTrue(
                    e.getMessage().startsWith("response cache " + file + " line 1 is not a cache entry"),
                    e.getMessage());
            assertEquals(text, Files.readString(file), "the file is untouched");
        }
    }

    @Test
    void aBadLineBeforeTheLastIsAnError() throws IOException {
        Path file = dir.resolve("cache.jsonl");
        Files.writeString(file, "not json\n{\"also\": \"not an entry\"}\n");
        IOException e =
                assertThrows(IOException.class, () -> ResponseCache.open(file).close());
        assertTrue(
                e.getMessage().startsWith("response cache " + file + " line 1 is not a cache entry"), e.getMessage());
    }

    @Test
    void oneClientAtATimePerFile() throws IOException {
        Path file = dir.resolve("cache.jsonl");
        try (ResponseCache first = ResponseCache.open(file)) {
            IOException e = assertThrows(
                    IOException.class, () -> ResponseCache.open(file).close());
            assertEquals("response cache " + file + " is open in another client", e.getMessage());
        }
        ResponseCache.open(file).close();
    }

    @Test
    void anInterruptedWriterStillWritesAndTheFileStaysOpen() throws IOException {
        Path file = dir.resolve("cache.jsonl");
        try (ResponseCache cache = ResponseCache.open(file)) {
            Thread.currentThread().interrupt();
            try {
                put(cache, "written while interrupted", "a");
            } finally {
                assertTrue(Thread.interrupted());
            }
            put(cache, "after", "b");
        }
        assertEquals(List.of("written while interrupted", "after"), CacheFiles.prompts(file));
    }

    /** Caches answer {@code text} to prompt {@code prompt}. */
    private static void put(ResponseCache cache, String prompt, String text) {
        CanonicalRequest q = CanonicalRequest.of("m", new CompletionRequest(prompt), MAPPER);
        JsonNode raw = MAPPER.createObjectNode()
                .put("model", "m")
                .set(
                        "choices",
                        MAPPER.createArrayNode().add(MAPPER.createObjectNode().put("text", text)));
        cache.put(q, raw, ResponseJson.parse(raw, false));
    }

    @Test
    void concurrentAppendsNeverMixLines() throws Exception {
        Path file = dir.resolve("cache.jsonl");
        String big = "x".repeat(20_000);
        int threads = 8;
        int each = 10;
        try (ResponseCache cache = ResponseCache.open(file);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        put(cache, thread + "/" + i, big);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(threads * each, cache.size());
        }
        List<JsonNode> entries = CacheFiles.entries(file);
        assertEquals(threads * each, entries.size());
        Set<String> prompts = new HashSet<>(CacheFiles.prompts(file));
        assertEquals(threads * each, prompts.size());
        assertTrue(entries.stream().allMatch(e -> e.path("response")
                .path("choices")
                .get(0)
                .path("text")
                .asText()
                .equals(big)));
        assertEquals(
                threads * each,
                Files.readString(file, StandardCharsets.UTF_8).lines().count());
    }
}
