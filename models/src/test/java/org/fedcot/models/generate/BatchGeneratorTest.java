package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batched decoding on tiny random models: every sequence gets what it gets alone; slots, queueing, cancelling. */
class BatchGeneratorTest {
    private static final CharTokenizer CHARS = new CharTokenizer();
    private static final SamplingParams SAMPLED = new SamplingParams(1.0, 0, 0.9);

    /** One sequence's request and what it streamed. */
    private record Request(int[] prompt, GenerationOptions options, long seed, boolean greedy) {
        Sampler sampler() {
            return greedy ? Sampler.greedy() : new Sampler(SAMPLED, seed);
        }
    }

    private static DecoderModel model(ModelType type) {
        return DecoderModel.random(TestModels.tiny(type, false), 23);
    }

    /**
     * What a request gets with nothing beside it: decoded alone by a generator of two slots, which
     * multiplies the same packed weights as any batch (a one-slot {@link Generator} multiplies the
     * weights as they are, summing in another order).
     */
    private static Generation alone(DecoderModel model, Request r, List<String> chunks) {
        BatchGenerator one = new BatchGenerator(model, ContinuationText.of(CHARS), 2);
        BatchGenerator.Sequence s = one.submit(r.prompt(), r.options(), r.sampler(), chunks::add);
        while (one.step()) {
            assertTrue(one.activeCount() <= 1);
        }
        return s.future().join();
    }

    /** Requests of different prompt lengths, limits, stop strings and seeds, greedy and sampled. */
    private static List<Request> requests(DecoderModel model) {
        int vocab = model.config().vocabSize();
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int[] prompt = TestModels.randomIds(1 + 3 * i % 10, vocab, 100 + i);
            GenerationOptions free = GenerationOptions.of(6 + 5 * i % 17, Set.of());
            Request plain = new Request(prompt, free, 40 + i, i % 2 == 0);
            GenerationOptions options = free;
            if (i % 3 == 1) {
                // a stop string taken from the free run's text, so it fires part-way
                String text = alone(model, plain, new ArrayList<>()).text();
                options = new GenerationOptions(free.maxNewTokens(), Set.of(), List.of("zz#", text.substring(2, 4)));
            } else if (i % 3 == 2) {
                int[] ids = alone(model, plain, new ArrayList<>()).ids();
                options = GenerationOptions.of(free.maxNewTokens(), Set.of(ids[ids.length / 2]));
            }
            out.add(new Request(prompt, options, 40 + i, i % 2 == 0));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(
            value = ModelType.class,
            names = {"LLAMA", "GPT_NEOX"})
    void everySequenceGetsExactlyWhatItGetsAloneWhateverJoinsBesideIt(ModelType type) {
        DecoderModel model = model(type);
        List<Request> requests = requests(model);
        BatchGenerator batch = new BatchGenerator(model, ContinuationText.of(CHARS), 3);
        List<BatchGenerator.Sequence> seqs = new ArrayList<>();
        List<List<String>> streamed = new ArrayList<>();
        int steps = 0;
        int next = 0;
        // two join at once, then one more every other step; the rest wait for slots
        while (next < requests.size() || batch.activeCount() + batch.waitingCount() > 0) {
            int joining = next == 0 ? 2 : steps % 2 == 0 ? 1 : 0;
            for (int j = 0; j < joining && next < requests.size(); j++, next++) {
                Request r = requests.get(next);
                List<String> chunks = new ArrayList<>();
                streamed.add(chunks);
                seqs.add(batch.submit(r.prompt(), r.options(), r.sampler(), chunks::add));
            }
            batch.step();
            steps++;
            assertTrue(batch.activeCount() <= 3, "at most maxBatch sequences hold a slot");
        }
        for (int i = 0; i < requests.size(); i++) {
            List<String> chunks = new ArrayList<>();
            Generation expected = alone(model, requests.get(i), chunks);
            Generation got = seqs.get(i).future().join();
            assertArrayEquals(expected.ids(), got.ids(), "tokens of sequence " + i);
            assertEquals(expected.text(), got.text(), "text of sequence " + i);
            assertEquals(expected.stopReason(), got.stopReason(), "stop reason of sequence " + i);
            assertEquals(chunks, streamed.get(i), "streamed chunks of sequence " + i);
        }
        assertTrue(requests.stream().map(r -> r.options()).anyMatch(o -> !o.stopStrings()
                .isEmpty()));
        assertEquals(
                Set.of(StopReason.MAX_TOKENS, StopReason.STOP_STRING, StopReason.STOP_TOKEN),
                Set.copyOf(
                        seqs.stream().map(s -> s.future().join().stopReason()).toList()),
                "every way to stop is exercised");
    }

    @Test
    void generateAllReturnsInPromptOrderWhatEachGetsAlone() {
        DecoderModel model = model(ModelType.QWEN2);
        List<Request> requests = requests(model).stream()
                .map(r -> new Request(r.prompt(), GenerationOptions.of(9, Set.of()), r.seed(), r.greedy()))
                .toList();
        List<Generation> all = new BatchGenerator(model, ContinuationText.of(CHARS), 4)
                .generateAll(
                        requests.stream().map(Request::prompt).toList(),
                        GenerationOptions.of(9, Set.of()),
                        requests.stream().map(Request::sampler).toList());
        assertEquals(requests.size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(
                    alone(model, requests.get(i), new ArrayList<>()).ids(),
                    all.get(i).ids(),
                    "sequence " + i);
        }
    }

    @Test
    void sequencesSubmittedFromAnotherThreadWhileSteppingGetWhatTheyGetAlone() throws InterruptedException {
        DecoderModel model = model(ModelType.LLAMA);
        List<Request> requests = requests(model);
        BatchGenerator batch = new BatchGenerator(model, ContinuationText.of(CHARS), 2);
        List<BatchGenerator.Sequence> seqs = Collections.synchronizedList(new ArrayList<>());
        Thread submitter = new Thread(
                () -> requests.forEach(r -> seqs.add(batch.submit(r.prompt(), r.options(), r.sampler(), chunk -> {}))));
        submitter.start();
        // steps whatever has arrived, however the two threads interleave, until every request is in and done
        while (submitter.isAlive()) {
            batch.step();
        }
        submitter.join();
        while (batch.step()) {
            assertTrue(batch.activeCount() <= 2);
        }
        assertEquals(requests.size(), seqs.size());
        for (int i = 0; i < requests.size(); i++) {
            assertArrayEquals(
                    alone(model, requests.get(i), new ArrayList<>()).ids(),
                    seqs.get(i).future().join().ids(),
                    "sequence " + i);
        }
    }

    @Test
    void aServingThreadWaitsForWorkAndStepsItToTheEnd() throws Exception {
        DecoderModel model = model(ModelType.GPT_NEOX);
        BatchGenerator batch = new BatchGenerator(model, ContinuationText.of(CHARS), 2);
        GenerationOptions opts = GenerationOptions.of(7, Set.of());
        AtomicBoolean serving = new AtomicBoolean(true);
        Thread server = new Thread(() -> {
            try {
                while (serving.get()) {
                    batch.awaitWork();
                    batch.step();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        List<BatchGenerator.Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seqs.add(batch.submit(new int[] {i + 1, 5}, opts, Sampler.greedy(), chunk -> {}));
        }
        for (int i = 0; i < 3; i++) {
            Generation expected = alone(model, new Request(new int[] {i + 1, 5}, opts, 0, true), new ArrayList<>());
            assertArrayEquals(
                    expected.ids(),
                    seqs.get(i).future().get(60, TimeUnit.SECONDS).ids());
        }
        serving.set(false);
        server.interrupt();
        server.join(60_000);
        assertFalse(server.isAlive(), "an idle server thread leaves its wait when interrupted");
    }

    @Test
    void aCancelledSequenceFreesItsSlotForTheFirstWaitingOne() {
        DecoderModel model = model(ModelType.LLAMA);
        BatchGenerator batch = new BatchGenerator(model, ContinuationText.of(CHARS), 2);
        GenerationOptions long20 = GenerationOptions.of(20, Set.of());
        int[] prompt = {1, 2, 3};
        StringBuilder third = new StringBuilder();
        StringBuilder fourth = new StringBuilder();
        BatchGenerator.Sequence a = batch.submit(prompt, long20, Sampler.greedy(), chunk -> {});
        BatchGenerator.Sequence b = batch.submit(new int[] {4, 5}, long20, Sampler.greedy(), chunk -> {});
        BatchGenerator.Sequence c = batch.submit(new int[] {6}, long20, Sampler.greedy(), third::append);
        BatchGenerator.Sequence d = batch.submit(new int[] {7}, long20, Sampler.greedy(), fourth::append);
        batch.step();
        batch.step();
        assertEquals(2, batch.activeCount());
        assertEquals(2, batch.waitingCount());
        assertEquals("", third.toString(), "the third sequence has not started");
        a.cancel();
        assertFalse(a.done(), "cancelling is honoured at the next step");
        batch.step();
        assertTrue(a.done());
        assertThrows(CancellationException.class, () -> a.future().join());
        assertEquals(2, batch.activeCount());
        assertEquals(1, batch.waitingCount(), "the fourth still waits: FIFO");
        assertFalse(third.isEmpty(), "the third took the freed slot and drew its first token");
        assertTrue(fourth.isEmpty());
        while (batch.step()) {
            assertTrue(batch.activeCount() <= 2);
        }
        assertFalse(b.future().isCancelled());
        Generation alone = alone(model, new Request(new int[] {6}, long20, 0, true), new ArrayList<>());
        assertArrayEquals(alone.ids(), c.future().join().ids());
        assertEquals(20, d.future().join().newTokens());
    }

    @Test
    void aCancelledWaitingSequenceNeverRunsAndAFailingStreamFailsOnlyItsSequence() {
        DecoderModel model = model(ModelType.GPT_NEOX);
        BatchGenerator batch = new BatchGenerator(model, ContinuationText.of(CHARS), 1);
        GenerationOptions opts = GenerationOptions.of(5, Set.of());
        BatchGenerator.Sequence failing = batch.submit(new int[] {1}, opts, Sampler.greedy(), chunk -> {
            throw new IllegalStateException("client went away");
        });
        StringBuilder never = new StringBuilder();
        BatchGenerator.Sequence waiter = batch.submit(new int[] {2}, opts, Sampler.greedy(), never::append);
        BatchGenerator.Sequence last = batch.submit(new int[] {3}, opts, Sampler.greedy(), chunk -> {});
        waiter.cancel();
        while (batch.step()) {
            assertTrue(batch.activeCount() <= 1);
        }
        CompletionException e =
                assertThrows(CompletionException.class, () -> failing.future().join());
        assertEquals("client went away", e.getCause().getMessage());
        assertTrue(waiter.future().isCancelled());
        assertEquals("", never.toString());
        assertEquals(5, last.future().join().newTokens());
    }

    @Test
    void badRequestsAreRefusedAtSubmitAndZeroTokensIsDoneAtOnce() {
        BatchGenerator batch = new BatchGenerator(model(ModelType.LLAMA), ContinuationText.of(CHARS), 2);
        GenerationOptions opts = GenerationOptions.of(3, Set.of());
        assertThrows(IllegalArgumentException.class, () -> batch.submit(new int[0], opts, Sampler.greedy(), c -> {}));
        assertThrows(
                IllegalArgumentException.class, () -> batch.submit(new int[] {37}, opts, Sampler.greedy(), c -> {}));
        assertThrows(
                IllegalArgumentException.class,
                () -> new BatchGenerator(model(ModelType.LLAMA), ContinuationText.of(CHARS), 0));
        BatchGenerator.Sequence none =
                batch.submit(new int[] {1}, GenerationOptions.of(0, Set.of()), Sampler.greedy(), c -> {});
        assertTrue(none.done());
        assertEquals(0, none.future().join().newTokens());
        assertFalse(batch.step(), "nothing to do");
    }
}
