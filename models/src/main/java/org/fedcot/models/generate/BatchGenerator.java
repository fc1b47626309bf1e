package org.fedcot.models.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.SlotCache;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.Parallel;

/**
 * Generation of many sequences at once (continuous batching): each {@link #step()} feeds one new token
 * of every running sequence and the whole prompt of every sequence that joins in one batched pass, so
 * the weights are read once per step for all of them. Sequences join and leave between steps; each has
 * its own cache slot, sampler (and so seed), stop ids, stop strings and token limit, and gets
 * exactly the tokens and text, streaming included, that it gets decoded alone here, whoever joins or
 * leaves beside it and whenever (those of {@link Generator}, which multiplies unpacked weights, agree
 * to rounding).
 *
 * <p>At most {@code maxBatch} sequences are active; later submissions wait in FIFO order for a free
 * slot. {@link #submit} may be called from any thread; {@link #step()} runs on one thread at a time
 * (calls are serialised), and the stream consumers are called on that thread. A server steps on a
 * thread of its own, {@code while (serving) { batch.awaitWork(); batch.step(); }}, and waits on
 * each request's {@link Sequence#future()}.
 *
 * <pre>{@code
 * BatchGenerator batch = new BatchGenerator(model, ContinuationText.of(tokenizer), 8);
 * // one thread steps while work remains ...
 * BatchGenerator.Sequence s = batch.submit(tokenizer.encode("Once upon a time", true),
 *         new GenerationOptions(200, Set.of(eosId), List.of("\n\n")), new Sampler(params, seed),
 *         chunk -> System.out.print(chunk));
 * while (batch.step()) {
 * }
 * Generation out = s.future().join();
 * // ... or all at once, results in prompt order:
 * List<Generation> all = batch.generateAll(prompts, options, samplers);
 * }</pre>
 *
 * <p>Timings: a sequence's {@code prefillNanos} is the pass that fed its prompt; its {@code decodeNanos}
 * adds up the passes that fed its later tokens. Each pass is shared with the other sequences in it.
 */
public final class BatchGenerator {
    private final DecoderModel model;
    private final ContinuationText text;
    private final SlotCache slots;
    /** Submitted sequences that have no slot yet, oldest first; guarded by itself. */
    private final Deque<Sequence> waiting = new ArrayDeque<>();
    /** Sequences holding a slot; touched only by the stepping thread. */
    private final List<Sequence> active = new ArrayList<>();

    private final Object stepLock = new Object();
    private volatile int activeCount;

    /**
     * Decodes with {@code model}, reading tokens as text with {@code text}, at most {@code maxBatch}
     * sequences at a time.
     *
     * @throws IllegalArgumentException if maxBatch is not positive
     */
    public BatchGenerator(DecoderModel model, ContinuationText text, int maxBatch) {
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("batch generator: maxBatch " + maxBatch + " must be positive");
        }
        this.model = model;
        this.text = text;
        this.slots = model.newSlotCache(maxBatch);
    }

    /** The most sequences decoded at once. */
    public int maxBatch() {
        return slots.slots();
    }

    /** Sequences holding a slot now (between steps: those the next step decodes, joiners aside). */
    public int activeCount() {
        return activeCount;
    }

    /** Sequences submitted and waiting for a slot. */
    public int waitingCount() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /**
     * Queues a generation of {@code prompt}, as {@link Generator#generate(int[], GenerationOptions,
     * Sampler, Consumer)} would run it alone; it joins at the next step that has a free slot.
     * Thread-safe. A sequence allowed no tokens is done at once.
     *
     * @param stream receives the settled text, on the stepping thread, so every sequence waits while
     *               it runs: it should hand the text on, not block; an exception it throws fails this
     *               sequence only
     * @throws IllegalArgumentException if the prompt is empty or holds an id outside the vocabulary
     */
    public Sequence submit(int[] prompt, GenerationOptions options, Sampler sampler, Consumer<String> stream) {
        Sequence s = new Sequence(new Decoding(
                prompt, options, sampler, text, stream, model.config().vocabSize()));
        if (s.decoding.empty()) {
            s.future.complete(s.decoding.generation(0, 0));
            return s;
        }
        synchronized (waiting) {
            waiting.add(s);
            waiting.notifyAll();
        }
        return s;
    }

    /**
     * Blocks until there is work for {@link #step()}: a sequence active or waiting. For a thread that
     * steps for as long as it serves: {@code while (serving) { batch.awaitWork(); batch.step(); }}.
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public void awaitWork() throws InterruptedException {
        synchronized (waiting) {
            while (waiting.isEmpty() && activeCount == 0) {
                waiting.wait();
            }
        }
    }

    /**
     * One step: drops cancelled sequences, lets waiting sequences join while slots are free, then
     * feeds, in one batched pass, every running sequence's last token and every joining sequence's
     * prompt, and draws each sequence's next token. Sequences that finish leave, free their slots and
     * complete their futures. A failure of the model fails the sequences of the pass, and one of a
     * stream consumer its own sequence (their futures complete exceptionally), not the generator.
     *
     * @return whether sequences remain, active or waiting
     */
    public boolean step() {
        synchronized (stepLock) {
            active.removeIf(s -> s.cancelled && leave(s, null));
            pass(join());
            activeCount = active.size();
            return !active.isEmpty() || waitingCount() > 0;
        }
    }

    /**
     * Submits every prompt with the same options and its own sampler, steps until all are done, and
     * returns their generations in prompt order. Sequences submitted by others are stepped alongside.
     *
     * @throws IllegalArgumentException if the lists differ in length, or as {@link #submit}
     * @throws RuntimeException         what failed a sequence
     */
    public List<Generation> generateAll(List<int[]> prompts, GenerationOptions options, List<Sampler> samplers) {
        if (prompts.size() != samplers.size()) {
            throw new IllegalArgumentException(
                    "generateAll: " + prompts.size() + " prompts but " + samplers.size() + " samplers");
        }
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            seqs.add(submit(prompts.get(i), options, samplers.get(i), chunk -> {}));
        }
        // steps until this call's sequences are done, though others (a server's) may remain
        while (!seqs.stream().allMatch(Sequence::done)) {
            step();
        }
        List<Generation> out = new ArrayList<>();
        for (Sequence s : seqs) {
            try {
                out.add(s.future.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return out;
    }

    /** Moves waiting sequences into free slots, FIFO, and returns them; their prompts are not fed yet. */
    private List<Sequence> join() {
        List<Sequence> joining = new ArrayList<>();
        while (slots.freeSlots() > 0) {
            Sequence s;
            synchronized (waiting) {
                s = waiting.poll();
            }
            if (s == null) {
                break;
            }
            if (s.cancelled) {
                s.future.cancel(false);
                continue;
            }
            s.slot = slots.acquire(s.decoding.capacity());
            joining.add(s);
        }
        return joining;
    }

    /**
     * One batched pass: the running sequences' last tokens, then the prompts of those {@code joining};
     * each draws its next token from its last position's logits, and those that finish leave. Fed in
     * one pass, the prompts do not each read every weight again.
     */
    private void pass(List<Sequence> joining) {
        int running = active.size();
        active.addAll(joining);
        if (active.isEmpty()) {
            return;
        }
        int rows = active.size();
        int[] slotOf = new int[rows];
        int[][] tokens = new int[rows][];
        for (int r = 0; r < rows; r++) {
            Sequence s = active.get(r);
            slotOf[r] = s.slot;
            tokens[r] = r < running ? new int[] {s.decoding.lastToken()} : s.decoding.prompt();
        }
        long start = System.nanoTime();
        Tensor logits;
        try {
            logits = model.forward(slots, slotOf, tokens);
        } catch (RuntimeException e) {
            active.forEach(s -> leave(s, e));
            active.clear();
            return;
        }
        // a row's draw (an argmax over the vocabulary when greedy) is most of a step's own work, so
        // the rows are drawn over the cores; text and stop rules follow in row order on this thread
        int[] next = new int[rows];
        RuntimeException[] failures = new RuntimeException[rows];
        Parallel.forRange(rows, logits.dim(1), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                try {
                    next[r] = active.get(r).decoding.draw(logits, r);
                } catch (RuntimeException e) {
                    failures[r] = e;
                }
            }
        });
        List<Sequence> done = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Sequence s = active.get(r);
            s.failure = failures[r];
            try {
                if (s.failure != null || !s.decoding.accept(next[r])) {
                    done.add(s);
                }
            } catch (RuntimeException e) {
                done.add(s);
                s.failure = e;
            }
        }
        long elapsed = System.nanoTime() - start;
        for (int r = 0; r < rows; r++) {
            if (r < running) {
                active.get(r).decodeNanos += elapsed;
            } else {
                active.get(r).prefillNanos = elapsed;
            }
        }
        active.removeAll(done);
        done.forEach(s -> leave(s, s.failure));
    }

    /**
     * Frees the slot of a sequence that left the active set and completes its future: cancelled,
     * failed with {@code failure}, or with its generation. Returns true (for removeIf).
     */
    private boolean leave(Sequence s, RuntimeException failure) {
        slots.release(s.slot);
        if (s.cancelled) {
            s.future.cancel(false);
        } else if (failure != null) {
            s.future.completeExceptionally(failure);
        } else {
            s.future.complete(s.decoding.generation(s.prefillNanos, s.decodeNanos));
        }
        return true;
    }

    /** A submitted generation. */
    public static final class Sequence {
        private final Decoding decoding;
        private final CompletableFuture<Generation> future = new CompletableFuture<>();
        private volatile boolean cancelled;
        private int slot = -1;
        private long prefillNanos;
        private long decodeNanos;
        private RuntimeException failure;

        private Sequence(Decoding decoding) {
            this.decoding = decoding;
        }

        /** Whether it has ended: finished, failed or cancelled. */
        public boolean done() {
            return future.isDone();
        }

        /**
         * Completes with the generation when the sequence finishes (its text fully streamed and its
         * slot free by then); exceptionally when the model or its stream consumer failed; cancelled
         * ({@link CancellationException} on join) when {@link #cancel()} was honoured.
         */
        public CompletableFuture<Generation> future() {
            return future;
        }

        /**
         * Asks the generator to drop this sequence; honoured at the start of the next step, which frees
         * its slot (or removes it from the queue) and cancels its future. No effect once done.
         */
        public void cancel() {
            cancelled = true;
        }
    }
}
