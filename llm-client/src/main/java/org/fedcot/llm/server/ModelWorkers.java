package org.fedcot.llm.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed pool of platform threads generations run on, {@code --workers} of them; more requests wait in
 * line. Generation is long and CPU-bound, so it does not run on the connection's virtual thread, which
 * would hold one of the few carrier threads the other connections are read on; that thread hands the
 * request over and waits, unmounted.
 */
final class ModelWorkers implements AutoCloseable {
    private final ExecutorService pool;

    ModelWorkers(int n) {
        AtomicInteger count = new AtomicInteger();
        // daemon threads, so a forgotten server never keeps the JVM alive
        this.pool = new ThreadPoolExecutor(n, n, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "fedcot-serve-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What a worker runs: a generation, answering its exchange. */
    @FunctionalInterface
    interface Job {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code job} on a worker once one is free and waits for it, rethrowing what it threw.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the server is closing); the job
     *                              is then interrupted too
     */
    void run(Job job) throws IOException, InterruptedException {
        Future<?> done = pool.submit(() -> {
            try {
                job.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            done.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case UncheckedIOException io -> throw io.getCause();
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                case InterruptedException i -> throw i;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Interrupts the generations still running and stops the threads. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
