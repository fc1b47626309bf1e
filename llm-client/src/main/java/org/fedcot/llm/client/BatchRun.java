package org.fedcot.llm.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** One {@link LlmClient#completeAll} call: cache hits first, then a virtual thread per remaining request. */
final class BatchRun {
    private final LlmClient client;
    private final List<CanonicalRequest> requests;
    private final BatchListener listener;
    private final LlmResponse[] answers;
    private final StopSignal stop = new StopSignal();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** Guarded by this, as are the listener's calls. */
    private int done;

    private int cached;
    private Usage usage = Usage.ZERO;

    BatchRun(LlmClient client, List<CanonicalRequest> requests, BatchListener listener) {
        this.client = client;
        this.requests = requests;
        this.listener = listener;
        this.answers = new LlmResponse[requests.size()];
    }

    BatchResult run() {
        List<Integer> toAsk = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            answers[i] = client.cached(requests.get(i)).orElse(null);
            if (answers[i] == null) {
                toAsk.add(i);
            }
        }
        done = cached = answers.length - toAsk.size();
        listener.onProgress(new BatchProgress(done, answers.length, cached, usage));
        // close() waits for every task; if this thread is interrupted meanwhile it interrupts them
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i : toAsk) {
                workers.execute(() -> answer(i));
            }
        }
        synchronized (this) {
            String progress = done + " of " + answers.length + " answered";
            if (Thread.currentThread().isInterrupted()) {
                throw new LlmException("batch interrupted with " + progress, -1, 0, null);
            }
            RuntimeException e = failure.get();
            if (e != null) {
                throw e instanceof LlmException llm ? llm.withContext("batch stopped with " + progress) : e;
            }
            return new BatchResult(Arrays.asList(answers), cached, usage);
        }
    }

    private void answer(int i) {
        try {
            stop.check();
            LlmResponse answer = client.fetch(requests.get(i), stop);
            synchronized (this) {
                answers[i] = answer;
                done++;
                if (answer.cached()) {
                    cached++;
                } else {
                    usage = usage.plus(answer.usage());
                }
                listener.onProgress(new BatchProgress(done, answers.length, cached, usage));
            }
        } catch (CancellationException stopped) {
            // another request failed first; its failure is the batch's
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            stop.stop();
        }
    }
}
