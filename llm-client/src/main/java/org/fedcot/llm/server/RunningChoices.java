package org.fedcot.llm.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.fedcot.models.generate.BatchGenerator;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Sampler;

/**
 * One request's choices, submitted together to the {@link GenerationScheduler} and waited for on the
 * request's own thread. When streamed, the scheduler hands each choice's text over through a queue this
 * thread drains and sends, so a slow client slows only itself. Closing cancels the choices not done,
 * which frees their batch slots at the next step: what a request does when its client went away, it
 * failed, or its thread was interrupted.
 */
final class RunningChoices implements AutoCloseable {
    /**
     * What happened to a streamed choice: new {@code text}, or its end with its {@code generation}.
     */
    record Event(int choice, String text, Generation generation) {
        /** Whether the choice ended with this event. */
        boolean end() {
            return generation != null;
        }
    }

    /** One choice to generate: its prompt, options and sampler. */
    record Choice(int[] prompt, GenerationOptions options, Sampler sampler) {}

    private final List<BatchGenerator.Sequence> sequences = new ArrayList<>();
    /** Streamed events in the order the scheduler produced them; a failure is queued as itself. */
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private RunningChoices() {}

    /**
     * Submits every choice, in order; with {@code stream} their text is queued for {@link #next()} as it
     * settles, else only {@link #all()} tells their ends.
     *
     * @throws ApiException 503 when the server is closing (the choices already submitted are cancelled)
     */
    static RunningChoices submit(GenerationScheduler scheduler, List<Choice> choices, boolean stream) {
        RunningChoices run = new RunningChoices();
        try {
            for (int i = 0; i < choices.size(); i++) {
                Choice c = choices.get(i);
                int index = i;
                BatchGenerator.Sequence s = scheduler.submit(
                        c.prompt(),
                        c.options(),
                        c.sampler(),
                        stream ? text -> run.events.add(new Event(index, text, null)) : text -> {});
                run.sequences.add(s);
                if (stream) {
                    // completed after the last text was queued, so the end comes after it
                    s.future()
                            .whenComplete(
                                    (g, failure) -> run.events.add(g != null ? new Event(index, "", g) : failure));
                }
            }
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * The next streamed event, waiting for it.
     *
     * @throws ApiException 503 when the server closed and cancelled the choice, 500 when generating failed
     */
    Event next() throws InterruptedException {
        Object e = events.take();
        if (e instanceof Event event) {
            return event;
        }
        throw failed((Throwable) e);
    }

    /**
     * Every choice's generation, in order, waiting for them.
     *
     * @throws ApiException 503 when the server closed and cancelled a choice, 500 when generating failed
     */
    List<Generation> all() throws InterruptedException {
        List<Generation> out = new ArrayList<>();
        for (BatchGenerator.Sequence s : sequences) {
            try {
                out.add(s.future().get());
            } catch (CancellationException e) {
                throw failed(e);
            } catch (ExecutionException e) {
                throw failed(e.getCause());
            }
        }
        return out;
    }

    /** Cancels the choices not done yet. */
    @Override
    public void close() {
        sequences.forEach(BatchGenerator.Sequence::cancel);
    }

    /** A choice's failure as the request's: cancelled only by a closing server, since its own thread is here. */
    private static ApiException failed(Throwable cause) {
        if (cause instanceof CancellationException) {
            return ApiException.shuttingDown();
        }
        return ApiException.internal("generation failed: " + cause.getMessage());
    }
}
