package org.fedcot.llm.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.fedcot.models.generate.BatchGenerator;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Sampler;

/**
 * The one thread that generates for a served model: it owns a {@link BatchGenerator} and steps it while
 * sequences are active or waiting, so every choice of every request in flight is decoded in the same
 * batched passes (continuous batching: sequences join and leave between steps). It parks when there is
 * nothing to do and is woken by a submission. Requests' own threads submit and wait; nothing they do can
 * hold a step up, since the text streamed to them is handed over, never sent, on this thread.
 *
 * <p>It is a platform thread, not a virtual one: a step is long and CPU-bound and would otherwise hold
 * one of the few carrier threads the connections are read on.
 */
final class GenerationScheduler implements AutoCloseable {
    private final BatchGenerator batch;
    private final GenerationHook hook;
    private final Thread thread;
    /** Sequences submitted and not yet done, so closing can cancel them. */
    private final Set<BatchGenerator.Sequence> live = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    /** Guarded by lock: a submission the stepping thread has not seen yet. */
    private boolean submitted;
    /** Guarded by lock. */
    private boolean closed;

    private volatile int mostActive;

    /** Starts the scheduler of {@code model}, decoding at most {@code maxBatch} sequences at once. */
    GenerationScheduler(ServedModel model, int maxBatch, GenerationHook hook) {
        this.batch = new BatchGenerator(model.model(), ContinuationText.of(model.tokenizer()), maxBatch);
        this.hook = hook;
        // a daemon, so a forgotten server never keeps the JVM alive
        this.thread =
                Thread.ofPlatform().name("fedcot-serve-scheduler").daemon().start(this::run);
    }

    /**
     * Queues a generation; it joins the batch once a slot is free, after those queued before it.
     * {@code stream} is called on the scheduler's thread and must not block.
     *
     * @throws ApiException 503 once the server is closing
     */
    BatchGenerator.Sequence submit(int[] prompt, GenerationOptions options, Sampler sampler, Consumer<String> stream) {
        synchronized (lock) {
            if (closed) {
                throw ApiException.shuttingDown();
            }
            BatchGenerator.Sequence s = batch.submit(prompt, options, sampler, stream);
            live.add(s);
            s.future().whenComplete((generation, failure) -> live.remove(s));
            submitted = true;
            lock.notifyAll();
            return s;
        }
    }

    /** The most sequences that were decoded together in one step so far: how much batching really happened. */
    int mostActive() {
        return mostActive;
    }

    private void run() {
        boolean more = false;
        try {
            while (true) {
                synchronized (lock) {
                    while (!more && !submitted && !closed) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    submitted = false;
                }
                hook.stepping();
                more = batch.step();
                // those still active after a step were all decoded in it
                mostActive = Math.max(mostActive, batch.activeCount());
            }
        } catch (InterruptedException closing) {
            // close() interrupts a hook that holds the thread
        }
    }

    /**
     * Stops the thread once its current step is done, then cancels every sequence left, active or waiting,
     * so the requests waiting on them are answered (503) rather than left hanging.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the cancelling below must still happen
            }
        }
        live.forEach(BatchGenerator.Sequence::cancel);
        batch.step(); // honours the cancels: frees every slot and cancels the waiting sequences
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
