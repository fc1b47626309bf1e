package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.fedcot.llm.client.ClientConfig;
import org.fedcot.llm.client.CompletionRequest;
import org.fedcot.llm.client.LlmClient;
import org.fedcot.llm.client.LlmException;
import org.fedcot.llm.client.LlmResponse;
import org.fedcot.llm.client.Sampling;
import org.fedcot.models.generate.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests asked again with the same Idempotency-Key are answered from the server's memory, not generated
 * twice: directly, and for a batch cancelled with requests in flight, then resumed.
 */
class ReplayTest {
    private static final String MODEL = "tiny-llama";
    private static final String KEY = "Idempotency-Key";

    /** Counts the generations the server starts, by prompt, and holds them at a gate until it opens. */
    private static final class Generations implements GenerationHook {
        final Map<String, Integer> byPrompt = new ConcurrentHashMap<>();
        final CountDownLatch gate;
        final CountDownLatch started;

        Generations(int holdUntilOpened) {
            this.gate = new CountDownLatch(holdUntilOpened > 0 ? 1 : 0);
            this.started = new CountDownLatch(holdUntilOpened);
        }

        @Override
        public void starting(String body) throws InterruptedException {
            try {
                byPrompt.merge(Api.JSON.readTree(body).path("prompt").asText(), 1, Integer::sum);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started.countDown();
            gate.await();
        }
    }

    @Test
    void aRepeatedKeyIsAnsweredFromMemoryAndLoggedAsAReplay(@TempDir Path dir) throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        Generations generations = new Generations(0);
        String once = json("model", MODEL, "prompt", "Once upon a time", "max_tokens", 6, "temperature", 1.0);
        String other = json("model", MODEL, "prompt", "Lily", "max_tokens", 6, "temperature", 1.0);
        String streamed = json("model", MODEL, "prompt", "Tom", "max_tokens", 6, "stream", true);
        try (OpenAiServer server = OpenAiServer.start(
                TestModels.tinyLlama(), ServerOptions.loopback(0).withAuditLog(audit), generations)) {
            Api api = new Api(server, null);
            Api.Reply first = api.post("/completions", once, KEY, "k1");
            Api.Reply again = api.post("/completions", once, KEY, "k1");
            assertEquals(200, first.status());
            assertEquals(first.body(), again.body(), "the same bytes, id and sample included");
            assertNotEquals(first.body(), api.post("/completions", once).body(), "without the key: a new generation");
            assertEquals(200, api.post("/completions", other, KEY, "k1").status()); // same key, other body: new
            Api.Reply stream = api.post("/completions", streamed, KEY, "k2");
            assertTrue(stream.body().endsWith("data: [DONE]\n\n"), stream.body());
            assertEquals(
                    stream.body(), api.post("/completions", streamed, KEY, "k2").body());
        }
        assertEquals(Map.of("Once upon a time", 2, "Lily", 1, "Tom", 1), generations.byPrompt);
        assertEquals(List.of(false, true, false, false, false, true), replays(audit));
    }

    @Test
    void aBatchCancelledWithRequestsInFlightGeneratesEachPromptOnceWhenResumed(@TempDir Path dir) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path cache = dir.resolve("cache.jsonl");
        int inFlight = 3;
        Sampling greedy = Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(4);
        List<CompletionRequest> asks = new ArrayList<>();
        for (String p : List.of("Once upon a time", "Lily", "Tom and his dog", "The sun", "One day, a bird")) {
            asks.add(new CompletionRequest(p, greedy));
        }
        Generations generations = new Generations(inFlight);
        ServedModel model = TestModels.tinyLlama();
        try (OpenAiServer server =
                OpenAiServer.start(model, ServerOptions.loopback(0).withAuditLog(audit), generations)) {
            ClientConfig config = ClientConfig.of(URI.create(server.baseUrl()), MODEL)
                    .withMaxConcurrency(inFlight)
                    .withCacheFile(cache);
            AtomicReference<Throwable> stopped = new AtomicReference<>();
            Thread run = Thread.ofPlatform().start(() -> {
                try (LlmClient llm = LlmClient.open(config)) {
                    llm.completeAll(asks, p -> {});
                } catch (Throwable e) {
                    stopped.set(e);
                }
            });
            generations.started.await(); // three requests are being generated, two wait in the client
            run.interrupt(); // the run is killed with them in flight
            run.join();
            assertTrue(stopped.get() instanceof LlmException, String.valueOf(stopped.get()));
            generations.gate.countDown(); // the server finishes what it was asked, for nobody

            try (LlmClient resumed = LlmClient.open(config)) {
                assertEquals(inFlight, resumed.inFlightAtOpen());
                List<LlmResponse> answers = resumed.completeAll(asks, p -> {}).responses();
                for (int i = 0; i < asks.size(); i++) {
                    String prompt = asks.get(i).prompt();
                    assertEquals(
                            TestModels.direct(model, model.completionPrompt(prompt), 4, List.of(), Sampler.greedy())
                                    .text(),
                            answers.get(i).text(),
                            prompt);
                }
            }
            try (LlmClient done = LlmClient.open(config)) {
                assertEquals(0, done.inFlightAtOpen());
            }
        }
        for (CompletionRequest ask : asks) {
            assertEquals(1, generations.byPrompt.get(ask.prompt()), ask.prompt() + " generated once");
        }
        assertEquals(inFlight, replays(audit).stream().filter(r -> r).count());
    }

    /** For each audit line, whether it records a replay. */
    private static List<Boolean> replays(Path audit) throws IOException {
        List<Boolean> replays = new ArrayList<>();
        for (String line : Files.readAllLines(audit)) {
            replays.add(Api.JSON.readTree(line).path("replay").asBoolean(false));
        }
        return replays;
    }
}
