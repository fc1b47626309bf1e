package org.fedcot.llm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.fedcot.models.generate.BatchGenerator;
import org.fedcot.models.generate.Sampler;
import org.junit.jupiter.api.Test;

/** The scheduler on its own: closing it stops its thread, cancels what is left and refuses more work. */
class GenerationSchedulerTest {
    /** Lets the scheduler take {@code steps} steps, then holds it until it is interrupted. */
    private static final class HoldAfter implements GenerationHook {
        final CountDownLatch held = new CountDownLatch(1);
        private final int steps;
        private final AtomicInteger taken = new AtomicInteger();

        HoldAfter(int steps) {
            this.steps = steps;
        }

        @Override
        public void starting(String body) {}

        @Override
        public void stepping() throws InterruptedException {
            if (taken.incrementAndGet() > steps) {
                held.countDown();
                new CountDownLatch(1).await();
            }
        }
    }

    @Test
    void closingCancelsTheActiveAndWaitingSequencesAndRefusesNewOnes() throws Exception {
        ServedModel llama = TestModels.tinyLlama();
        HoldAfter hook = new HoldAfter(2);
        GenerationScheduler scheduler = new GenerationScheduler(llama, 1, hook);
        StringBuilder streamed = new StringBuilder();
        BatchGenerator.Sequence active = scheduler.submit(
                llama.completionPrompt("Once upon a time"),
                llama.options(50, List.of()),
                Sampler.greedy(),
                streamed::append);
        RunningChoices waiting = RunningChoices.submit(
                scheduler,
                List.of(new RunningChoices.Choice(
                        llama.completionPrompt("Lily"), llama.options(5, List.of()), Sampler.greedy())),
                false);
        hook.held.await(); // two steps taken: the first sequence holds the only slot, mid-generation

        scheduler.close();
        assertTrue(active.future().isCancelled(), "the active sequence is cancelled");
        assertFalse(streamed.isEmpty(), "it had generated");
        ApiException stopped = assertThrows(ApiException.class, waiting::all);
        assertEquals(503, stopped.status(), "a request still waiting is told the server is shutting down");
        ApiException refused = assertThrows(
                ApiException.class,
                () -> scheduler.submit(
                        llama.completionPrompt("Tom"), llama.options(3, List.of()), Sampler.greedy(), text -> {}));
        assertEquals(503, refused.status());
    }
}
