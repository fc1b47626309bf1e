package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches: input order, progress, resumption without asking twice, the concurrency bound, rate limit, usage. */
class BatchTest {
    private static final int N = 20;

    @TempDir
    Path dir;

    private static List<CompletionRequest> requests(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new CompletionRequest("question " + i + " " + "word ".repeat(i)))
                .toList();
    }

    private ClientConfig config(FaultServer server) {
        return RetryTest.config(server.baseUrl()).withCacheFile(dir.resolve("cache.jsonl"));
    }

    @Test
    void answersComeInInputOrderWithProgress() throws IOException {
        List<CompletionRequest> qs = requests(N);
        // later requests answer sooner, so completion order differs from input order
        try (FaultServer server = FaultServer.start(r -> new FaultServer.Slow(
                Duration.ofMillis(5L * (N - Integer.parseInt(r.input().split(" ")[1]))), FaultServer.echo(r)))) {
            List<BatchProgress> seen = new ArrayList<>();
            BatchResult result;
            try (LlmClient client = LlmClient.open(config(server).withMaxConcurrency(4))) {
                result = client.completeAll(qs, seen::add);
            }
            for (int i = 0; i < N; i++)
                assertEquals(
                        "echo: " + qs.get(i).prompt(), result.responses().get(i).text());
            assertEquals(N + 1, seen.size());
            assertEquals(new BatchProgress(0, N, 0, Usage.ZERO), seen.getFirst());
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i, seen.get(i).done());
            }
            assertEquals(result.usage(), seen.getLast().usage());
        }
    }

    @Test
    void usageIsSummedAndCachedAnswersCostNothing() throws IOException {
        List<CompletionRequest> qs = requests(N);
        // echo usage: the prompt's words (i + 2) and 3 completion tokens
        long prompt = IntStream.range(0, N).mapToLong(i -> i + 2).sum();
        Usage expected = new Usage(prompt, 3L * N, prompt + 3L * N);
        try (FaultServer server = FaultServer.scripted();
                LlmClient client = LlmClient.open(config(server))) {
            BatchResult first = client.completeAll(qs, BatchListener.NONE);
            assertEquals(expected, first.usage());
            assertEquals(expected, first.totalUsage());
            assertEquals(0, first.cached());

            List<BatchProgress> seen = new ArrayList<>();
            BatchResult again = client.completeAll(qs, seen::add);
            assertEquals(List.of(new BatchProgress(N, N, N, Usage.ZERO)), seen);
            assertEquals(Usage.ZERO, again.usage());
            assertEquals(expected, again.totalUsage());
            assertEquals(N, again.cached());
            assertEquals(expected, client.usage());
            assertEquals(N, server.received().size());
        }
    }

    @Test
    void identicalRequestsInABatchAreAskedOnce() throws IOException {
        CompletionRequest same = new CompletionRequest("same");
        List<CompletionRequest> qs = List.of(same, new CompletionRequest("other"), same, same);
        // the copies wait for the one in flight, or (if it was quick) find its answer in the cache
        try (FaultServer server =
                        FaultServer.start(r -> new FaultServer.Slow(Duration.ofMillis(100), FaultServer.echo(r)));
                LlmClient client = LlmClient.open(config(server))) {
            BatchResult r = client.completeAll(qs, BatchListener.NONE);
            assertEquals(2, server.received().size());
            assertEquals(2, r.cached());
            assertEquals("echo: same", r.responses().get(3).text());
        }
    }

    @Test
    void aBatchStoppedByPermanentFailuresResumesAskingOnlyWhatWasNotAnswered() throws IOException {
        int k = 7;
        List<CompletionRequest> qs = requests(N);
        Set<String> answeredFirst = new HashSet<>();
        AtomicInteger answers = new AtomicInteger();
        // answers the first k requests to arrive, then refuses everything, as a server whose quota ran out
        try (FaultServer failing = FaultServer.start(r -> {
            if (answers.incrementAndGet() > k) {
                return FaultServer.error(400, "quota exceeded");
            }
            synchronized (answeredFirst) {
                answeredFirst.add(r.input());
            }
            return new FaultServer.Slow(Duration.ofMillis(20), FaultServer.echo(r));
        })) {
            LlmException e = assertThrows(LlmException.class, () -> {
                try (LlmClient client = LlmClient.open(config(failing).withMaxConcurrency(3))) {
                    client.completeAll(qs, BatchListener.NONE);
                }
            });
            assertTrue(
                    e.getMessage().startsWith("batch stopped with " + k + " of " + N + " answered: POST "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(": HTTP 400: quota exceeded"), e.getMessage());
        }
        assertEquals(k, answeredFirst.size());
        assertEquals(answeredFirst, new HashSet<>(CacheFiles.prompts(dir.resolve("cache.jsonl"))));
        assertResumesExactly(qs, answeredFirst);
    }

    @Test
    void aBatchAbortedByItsListenerAndKilledMidAppendResumesExactly() throws IOException {
        int k = 5;
        List<CompletionRequest> qs = requests(N);
        List<String> answeredFirst;
        try (FaultServer server =
                FaultServer.start(r -> new FaultServer.Slow(Duration.ofMillis(20), FaultServer.echo(r)))) {
            RuntimeException stop = new IllegalStateException("user pressed ctrl-c");
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                try (LlmClient client = LlmClient.open(config(server).withMaxConcurrency(1))) {
                    client.completeAll(qs, p -> {
                        if (p.done() == k) {
                            throw stop;
                        }
                    });
                }
            });
            assertEquals(stop, e);
            answeredFirst =
                    server.received().stream().map(FaultServer.Received::input).toList();
        }
        // requests that had started before the listener threw were answered too, and kept
        assertTrue(answeredFirst.size() >= k && answeredFirst.size() < N, answeredFirst.toString());
        Path file = dir.resolve("cache.jsonl");
        assertEquals(answeredFirst, CacheFiles.prompts(file));
        // and the kill came while another line was being written
        Files.writeString(file, "{\"key\":\"0123", StandardOpenOption.APPEND);
        assertResumesExactly(qs, new HashSet<>(answeredFirst));
    }

    /** A new client on the same cache and a healthy server asks each unanswered request once, and nothing else. */
    private void assertResumesExactly(List<CompletionRequest> qs, Set<String> answeredBefore) throws IOException {
        try (FaultServer healthy = FaultServer.scripted();
                LlmClient client = LlmClient.open(config(healthy).withMaxConcurrency(3))) {
            BatchResult r = client.completeAll(qs, BatchListener.NONE);
            List<String> asked =
                    healthy.received().stream().map(FaultServer.Received::input).toList();
            Set<String> expected = new HashSet<>();
            qs.forEach(q -> expected.add(q.prompt()));
            expected.removeAll(answeredBefore);
            assertEquals(expected.size(), asked.size(), "each remaining request once: " + asked);
            assertEquals(expected, new HashSet<>(asked));
            assertEquals(answeredBefore.size(), r.cached());
            for (int i = 0; i < qs.size(); i++)
                assertEquals("echo: " + qs.get(i).prompt(), r.responses().get(i).text());
        }
        assertEquals(qs.size(), CacheFiles.entries(dir.resolve("cache.jsonl")).size());
    }

    @Test
    void anInterruptedBatchStopsAndKeepsItsAnswers() throws Exception {
        // two answers, then answers that never come (the server's close ends them)
        try (FaultServer server = FaultServer.start(r -> r.index() < 2 ? FaultServer.echo(r) : new FaultServer.Hang());
                LlmClient client = LlmClient.open(config(server).withMaxConcurrency(2))) {
            AtomicReference<RuntimeException> thrown = new AtomicReference<>();
            Thread batch = Thread.ofPlatform().start(() -> {
                try {
                    client.completeAll(requests(6), BatchListener.NONE);
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            server.awaitReceived(4); // the two quick ones answered, two unanswerable ones in flight
            batch.interrupt();
            batch.join(10_000);
            assertFalse(batch.isAlive(), "the batch ends when interrupted");
            assertTrue(
                    thrown.get().getMessage().startsWith("batch interrupted with 2 of 6 answered"),
                    thrown.get().getMessage());
            assertEquals(2, CacheFiles.entries(dir.resolve("cache.jsonl")).size());
        }
    }

    @Test
    void neverMoreInFlightThanConfigured() throws IOException {
        // the first three to arrive are answered only once all three are in flight together, and then after a
        // pause in which a client that let a fourth go would have it arrive; a right client passes however
        // long the pause turns out, a wrong one is caught unless the machine stalls it for the whole pause
        CountDownLatch threeArrived = new CountDownLatch(3);
        try (FaultServer server = FaultServer.start(r -> {
                    if (r.index() >= 3) {
                        return FaultServer.echo(r);
                    }
                    threeArrived.countDown();
                    return new FaultServer.Held(
                            threeArrived, new FaultServer.Slow(Duration.ofMillis(200), FaultServer.echo(r)));
                });
                LlmClient client =
                        LlmClient.open(RetryTest.config(server.baseUrl()).withMaxConcurrency(3))) {
            client.completeAll(requests(12), BatchListener.NONE);
            assertEquals(12, server.received().size());
            assertEquals(3, server.maxInFlight(), "requests run side by side, never more than 3");
        }
    }

    @Test
    void theRateLimitSpacesAttempts() throws IOException {
        FakeTime time = new FakeTime(Instant.EPOCH);
        // no backoff, so that every wait asked for is the rate limit's
        RetryPolicy noBackoff = new RetryPolicy(4, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        try (FaultServer server = FaultServer.scripted(FaultServer.error(500, "once"));
                LlmClient client = LlmClient.open(
                        RetryTest.config(server.baseUrl())
                                .withRetry(noBackoff)
                                .withMaxConcurrency(4)
                                .withRequestsPerMinute(300),
                        name -> null,
                        time)) {
            client.completeAll(requests(5), BatchListener.NONE);
            assertEquals(6, server.received().size(), "five requests and one retry");
        }
        // 300 a minute is one per 200 ms: on a clock that stands still the six attempts, the retry included,
        // get the slots 0, 200, ..., 1000 ms from now, in whatever order their threads come
        List<Duration> waits = time.waits().stream().sorted().toList();
        assertEquals(
                IntStream.rangeClosed(1, 5)
                        .mapToObj(i -> Duration.ofMillis(200L * i))
                        .toList(),
                waits);
    }
}
