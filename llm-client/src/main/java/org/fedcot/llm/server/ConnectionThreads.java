package org.fedcot.llm.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor the JDK HTTP server hands each connection's exchange to: a virtual thread per exchange, so a
 * client that sends its request slowly holds only a cheap thread, never a place in the batch (see
 * {@link ApiHandler}). The JDK server reads the request line and headers on that thread with blocking reads;
 * if the whole request has not arrived within the request timeout, the thread is interrupted, which closes
 * its channel and so the connection. At most {@code maxConnections} exchanges run at once; the JDK server
 * closes a connection whose exchange is refused.
 */
final class ConnectionThreads implements Executor {
    private final long timeoutNanos;
    private final int maxConnections;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final ThreadLocal<AtomicBoolean> armed = new ThreadLocal<>();
    private final Thread.Builder threads = Thread.ofVirtual().name("fedcot-serve-connection-", 1);

    ConnectionThreads(Duration requestTimeout, int maxConnections) {
        this.timeoutNanos = requestTimeout.toNanos();
        this.maxConnections = maxConnections;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "fedcot-serve-request-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable exchange) {
        synchronized (this) {
            if (count.get() >= maxConnections) {
                throw new RejectedExecutionException("already " + maxConnections + " connections open");
            }
            count.incrementAndGet();
            notifyAll();
        }
        threads.start(() -> run(exchange));
    }

    private void run(Runnable exchange) {
        Thread me = Thread.currentThread();
        running.add(me);
        AtomicBoolean deadline = new AtomicBoolean(true);
        armed.set(deadline);
        // compareAndSet: a timer that fires after requestRead() (or after the exchange) interrupts nothing
        ScheduledFuture<?> expiry = timer.schedule(
                () -> {
                    if (deadline.compareAndSet(true, false)) {
                        me.interrupt();
                    }
                },
                timeoutNanos,
                TimeUnit.NANOSECONDS);
        try {
            exchange.run();
        } finally {
            deadline.set(false);
            expiry.cancel(false);
            armed.remove();
            running.remove(me);
            synchronized (this) {
                count.decrementAndGet();
                notifyAll();
            }
        }
    }

    /**
     * Called by the handler once the request it runs for has been read whole: from then on the exchange is
     * no longer timed.
     *
     * @return false when the request timeout passed first (the connection is then closed or closing)
     */
    boolean requestRead() {
        AtomicBoolean deadline = armed.get();
        return deadline == null || deadline.compareAndSet(true, false);
    }

    /** Exchanges running now: connections whose request is being read or answered. */
    int open() {
        return count.get();
    }

    /** Waits until at least {@code n} exchanges run; for tests that must know their connections are being read. */
    synchronized void awaitOpen(int n) throws InterruptedException {
        while (count.get() < n) {
            wait();
        }
    }

    /** Waits until at most {@code n} exchanges run; for tests that must know a connection's exchange has ended. */
    synchronized void awaitOpenAtMost(int n) throws InterruptedException {
        while (count.get() > n) {
            wait();
        }
    }

    /**
     * Waits up to {@code drain} for running exchanges to end, then interrupts those left (which closes their
     * connections), and stops the timer.
     */
    void close(Duration drain) {
        long end = System.nanoTime() + drain.toNanos();
        synchronized (this) {
            try {
                long left = drain.toMillis();
                while (count.get() > 0 && left > 0) {
                    wait(left);
                    left = (end - System.nanoTime()) / 1_000_000;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.forEach(Thread::interrupt);
        timer.shutdownNow();
    }
}
