package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed answers from a scripted server: reassembly, retries after a broken stream, the shared cache. */
class StreamingTest {
    private static final String DONE = "data: [DONE]\n\n";

    private static String event(String json) {
        return "data: " + json + "\n\n";
    }

    private static String completionChunk(String text, String finish) {
        return event("{\"model\":\"m\",\"choices\":[{\"index\":0,\"text\":\"" + text + "\",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}");
    }

    private static final String WHOLE_STREAM = completionChunk("Hello", null)
            + completionChunk(", world", null)
            + completionChunk("", "stop")
            + event("{\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,"
                    + "\"total_tokens\":5}}")
            + DONE;

    private static ClientConfig config(FaultServer server, Path cache) {
        return ClientConfig.of(server.baseUrl(), "m")
                .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1)))
                .withCacheFile(cache);
    }

    /** Collects the pieces a stream delivers and counts restarts. */
    private static final class Pieces implements StreamListener {
        final List<String> pieces = new ArrayList<>();
        final AtomicInteger restarts = new AtomicInteger();

        @Override
        public void onText(int choiceIndex, String delta) {
            pieces.add(delta);
        }

        @Override
        public void onRestart() {
            restarts.incrementAndGet();
            pieces.clear();
        }
    }

    @Test
    void piecesArriveInOrderAndReassembleWithUsage(@TempDir Path dir) throws IOException {
        try (FaultServer server = FaultServer.scripted(new FaultServer.Respond(200, Map.of(), WHOLE_STREAM));
                LlmClient llm = LlmClient.open(config(server, dir.resolve("cache.jsonl")))) {
            Pieces pieces = new Pieces();
            LlmResponse r = llm.stream(new CompletionRequest("Hi", Sampling.DEFAULT), pieces);
            assertEquals(List.of("Hello", ", world"), pieces.pieces);
            assertEquals("Hello, world", r.text());
            assertEquals("stop", r.choices().getFirst().finishReason());
            assertEquals(new Usage(2, 3, 5), r.usage());
            assertTrue(server.received().getFirst().body().path("stream").asBoolean());
        }
    }

    @Test
    void brokenStreamIsSentAgainAndTheListenerStartsOver(@TempDir Path dir) throws IOException {
        String cut = completionChunk("Hel", null); // no [DONE]: the connection closed mid-answer
        try (FaultServer server = FaultServer.scripted(
                        new FaultServer.Respond(200, Map.of(), cut),
                        FaultServer.error(503, "busy"),
                        new FaultServer.Respond(200, Map.of(), WHOLE_STREAM));
                LlmClient llm = LlmClient.open(config(server, dir.resolve("cache.jsonl")))) {
            Pieces pieces = new Pieces();
            LlmResponse r = llm.stream(new CompletionRequest("Hi", Sampling.DEFAULT), pieces);
            assertEquals("Hello, world", r.text());
            assertEquals(List.of("Hello", ", world"), pieces.pieces);
            assertEquals(1, pieces.restarts.get(), "text was delivered once before the stream broke");
            assertEquals(3, server.received().size());
        }
    }

    @Test
    void streamedAndUnstreamedCallsShareTheCache(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache.jsonl");
        try (FaultServer server = FaultServer.scripted(new FaultServer.Respond(200, Map.of(), WHOLE_STREAM))) {
            try (LlmClient llm = LlmClient.open(config(server, cache))) {
                llm.stream(new CompletionRequest("Hi", Sampling.DEFAULT), new Pieces());
            }
            try (LlmClient again = LlmClient.open(config(server, cache))) {
                LlmResponse unstreamed = again.complete(new CompletionRequest("Hi", Sampling.DEFAULT));
                Pieces pieces = new Pieces();
                LlmResponse streamed = again.stream(new CompletionRequest("Hi", Sampling.DEFAULT), pieces);
                assertTrue(unstreamed.cached() && streamed.cached());
                assertEquals("Hello, world", unstreamed.text());
                assertEquals(List.of("Hello, world"), pieces.pieces);
            }
            assertEquals(1, server.received().size(), "only the first call reached the server");
        }
    }
}
