package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests generated together in the server's batch: lined up at the hooks so that they join the same
 * steps, each gets exactly what it gets alone from the same server (greedy or seeded, streamed or whole,
 * one choice or several), and a client that leaves mid-stream frees its place for one that waits.
 *
 * <p>The model is the made tiny Llama (hidden size 16), on which a batched row's products equal a lone
 * row's bit for bit, so a greedy choice cannot flip between the two.
 */
class BatchingTest {
    private static final String MODEL = "tiny-llama";
    private static final List<String> PROMPTS = List.of(
            "Once upon a time",
            "Lily",
            "Tom and his dog",
            "The sun",
            "One day, a bird",
            "Sam saw a",
            "There was a big",
            "Mom said");

    /** Holds the batch's steps until {@link #lineUp} requests have queued all their choices. */
    private static final class LineUp implements GenerationHook {
        private volatile CountDownLatch queued = new CountDownLatch(0);

        /** From now on the batch waits for {@code n} requests to queue before it steps. */
        void lineUp(int n) {
            queued = new CountDownLatch(n);
        }

        @Override
        public void starting(String body) {}

        @Override
        public void submitted(String body) {
            queued.countDown();
        }

        @Override
        public void stepping() throws InterruptedException {
            queued.await();
        }
    }

    @Test
    void eightRequestsLinedUpAreDecodedTogetherAndEachAnswersAsAlone() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < PROMPTS.size(); i++) {
            // different prompts and lengths; every other one streamed
            requests.add(json(
                    "model",
                    MODEL,
                    "prompt",
                    PROMPTS.get(i),
                    "max_tokens",
                    3 + 3 * i,
                    "temperature",
                    0,
                    "stream",
                    i % 2 == 1));
        }
        LineUp hook = new LineUp();
        try (OpenAiServer server = OpenAiServer.start(
                TestModels.tinyLlama(), ServerOptions.loopback(0).withMaxBatch(8), hook)) {
            Api api = new Api(server, null);
            List<List<String>> alone = oneAtATime(api, requests);
            assertEquals(1, server.scheduler().mostActive(), "one at a time, one sequence per step");

            hook.lineUp(requests.size());
            List<List<String>> together = concurrently(api, requests);
            for (int i = 0; i < requests.size(); i++) {
                assertEquals(alone.get(i), together.get(i), requests.get(i));
            }
            assertEquals(8, server.scheduler().mostActive(), "all eight were decoded in the same steps");
        }
    }

    @Test
    void seededChoicesAreTheSameAloneAndBatchedStreamedOrWhole() throws Exception {
        String sampled = json(
                "model",
                MODEL,
                "prompt",
                "Lily and Ben",
                "max_tokens",
                10,
                "temperature",
                1.0,
                "top_p",
                0.9,
                "seed",
                42,
                "n",
                3);
        String sampledStream = json(
                "model",
                MODEL,
                "prompt",
                "Lily and Ben",
                "max_tokens",
                10,
                "temperature",
                1.0,
                "top_p",
                0.9,
                "seed",
                42,
                "n",
                3,
                "stream",
                true);
        String chat = json(
                "model",
                MODEL,
                "messages",
                List.of(Map.of("role", "user", "content", "Hi there")),
                "max_tokens",
                7,
                "temperature",
                0,
                "stream",
                true);
        String greedy = json("model", MODEL, "prompt", "The cat sat", "max_tokens", 5, "temperature", 0, "n", 2);
        List<String> requests = List.of(sampled, sampledStream, chat, greedy);
        LineUp hook = new LineUp();
        try (OpenAiServer server = OpenAiServer.start(
                TestModels.tinyLlama(), ServerOptions.loopback(0).withMaxBatch(8), hook)) {
            Api api = new Api(server, null);
            List<List<String>> alone = oneAtATime(api, requests);
            assertEquals(3, alone.get(0).size());
            assertEquals(3, Set.copyOf(alone.get(0)).size(), "three different samples");
            assertEquals(alone.get(0), alone.get(1), "streamed alone as whole alone");

            hook.lineUp(requests.size());
            List<List<String>> together = concurrently(api, requests);
            assertEquals(alone, together);
            assertEquals(8, server.scheduler().mostActive(), "nine choices: eight at once, the ninth waiting its turn");
        }
    }

    /** Holds the disconnecting client's thread, and the batch once that client's sequence has had a few steps. */
    private static final class Disconnect implements GenerationHook {
        static final int HOLD_AT_STEP = 8;
        final AtomicInteger steps = new AtomicInteger();
        final CountDownLatch leaverHeld = new CountDownLatch(1);
        final CountDownLatch batchHeld = new CountDownLatch(1);
        final CountDownLatch waiterQueued = new CountDownLatch(1);
        final CountDownLatch releaseLeaver = new CountDownLatch(1);
        final CountDownLatch releaseBatch = new CountDownLatch(1);

        @Override
        public void starting(String body) {}

        @Override
        public void submitted(String body) throws InterruptedException {
            if (body.contains("\"stream\":true")) {
                leaverHeld.countDown();
                releaseLeaver.await(); // its text piles up in its queue meanwhile
            } else {
                waiterQueued.countDown();
            }
        }

        @Override
        public void stepping() throws InterruptedException {
            if (steps.incrementAndGet() == HOLD_AT_STEP) {
                batchHeld.countDown();
                releaseBatch.await();
            }
        }
    }

    @Test
    @Timeout(120) // a safety net: a server that never notices the client left would hold the test forever
    void aClientLeavingMidStreamFreesItsSlotForTheOneWaiting() throws Exception {
        int leaverTokens = 400;
        String leaver = json(
                "model",
                MODEL,
                "prompt",
                "Once upon a time",
                "max_tokens",
                leaverTokens,
                "temperature",
                0,
                "stream",
                true);
        String waiter = json("model", MODEL, "prompt", "Tom and his dog", "max_tokens", 4, "temperature", 0);
        Disconnect hook = new Disconnect();
        ServedModel llama = TestModels.tinyLlama();
        try (OpenAiServer server =
                OpenAiServer.start(llama, ServerOptions.loopback(0).withMaxBatch(1), hook)) {
            Socket leaving = RawHttp.send(
                    server,
                    "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: "
                            + leaver.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + leaver);
            leaving.setSoTimeout(60_000); // a safety net: @Timeout cannot interrupt a socket read
            assertEquals("HTTP/1.1 200 OK", RawHttp.statusLine(leaving), "its stream has begun");
            hook.leaverHeld.await();
            hook.batchHeld.await(); // it holds the only slot, some of its text generated and not yet sent

            CompletableFuture<JsonNode> waiting =
                    CompletableFuture.supplyAsync(() -> new Api(server, null).postOk("/completions", waiter));
            hook.waiterQueued.await();
            leaving.setSoLinger(true, 0); // a reset: the server's next write fails
            leaving.close();
            hook.releaseLeaver.countDown();
            server.connections().awaitOpenAtMost(1); // the leaver's exchange saw the client gone and ended

            hook.releaseBatch.countDown();
            assertEquals(
                    TestModels.greedy(llama, "Tom and his dog", 4, List.of()).text(),
                    waiting.join().get("choices").get(0).get("text").asText());
            assertTrue(
                    hook.steps.get() < leaverTokens / 2,
                    "the waiter ran after " + hook.steps.get() + " steps: the leaver's slot was freed long before its "
                            + leaverTokens + " tokens");
        }
    }

    /** Each choice's text, by index, streamed or whole as the request asks. */
    private static List<String> choices(Api api, String request) {
        try {
            JsonNode body = Api.JSON.readTree(request);
            boolean chat = body.has("messages");
            String path = chat ? "/chat/completions" : "/completions";
            int n = body.path("n").asInt(1);
            List<StringBuilder> texts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                texts.add(new StringBuilder());
            }
            List<JsonNode> choices = new ArrayList<>();
            if (body.path("stream").asBoolean()) {
                api.stream(path, request).forEach(e -> e.get("choices").forEach(choices::add));
            } else {
                api.postOk(path, request).get("choices").forEach(choices::add);
            }
            for (JsonNode c : choices) {
                JsonNode text = chat
                        ? c.has("delta")
                                ? c.get("delta").get("content")
                                : c.get("message").get("content")
                        : c.get("text");
                if (text != null && !text.isNull()) {
                    texts.get(c.get("index").asInt()).append(text.asText());
                }
            }
            return texts.stream().map(StringBuilder::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends every request at once, each on its own thread; their choices in request order. */
    /** The choices of each request, asked one after another. */
    private static List<List<String>> oneAtATime(Api api, List<String> requests) {
        List<List<String>> answers = new ArrayList<>();
        for (String r : requests) {
            answers.add(choices(api, r));
        }
        return answers;
    }

    private static List<List<String>> concurrently(Api api, List<String> requests) {
        try (ExecutorService threads = Executors.newFixedThreadPool(requests.size())) {
            List<CompletableFuture<List<String>>> replies = new ArrayList<>();
            for (String r : requests) {
                replies.add(CompletableFuture.supplyAsync(() -> choices(api, r), threads));
            }
            return replies.stream().map(CompletableFuture::join).toList();
        }
    }
}
