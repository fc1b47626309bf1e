package org.fedcot.llm.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a request until it is answered, refused, or the retry policy gives up; never more than
 * {@code maxConcurrency} attempts in flight, and attempts spaced by the rate limit.
 */
final class RetryingSender {
    private static final System.Logger LOG = System.getLogger(RetryingSender.class.getName());

    private final Transport transport;
    private final RetryPolicy policy;
    private final Semaphore inFlight;
    private final RateLimiter rateLimiter;
    private final TimeSource time;

    RetryingSender(
            Transport transport, RetryPolicy policy, int maxConcurrency, int requestsPerMinute, TimeSource time) {
        this.transport = transport;
        this.policy = policy;
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.rateLimiter = new RateLimiter(requestsPerMinute, time);
        this.time = time;
    }

    /**
     * The answer to {@code request}, each attempt made by {@code once}.
     *
     * @throws LlmException                                   when refused or out of attempts
     * @throws java.util.concurrent.CancellationException     when {@code stop} is raised before an attempt
     * @throws InterruptedException                           when interrupted while waiting or sending
     */
    AttemptOutcome.Answered send(CanonicalRequest request, StopSignal stop, Attempt once) throws InterruptedException {
        URI uri = transport.uri(request);
        for (int attempt = 1; ; attempt++) {
            AttemptOutcome outcome;
            inFlight.acquire();
            try {
                stop.check();
                time.sleep(rateLimiter.reserve(), stop);
                outcome = once.run();
            } catch (InterruptedException e) {
                // raised before this slot frees: a request waiting for it must not go out while the batch
                // it belongs to is being stopped (its journal would count it as one more in flight)
                stop.stop();
                throw e;
            } finally {
                inFlight.release();
            }
            switch (outcome) {
                case AttemptOutcome.Answered answered -> {
                    return answered;
                }
                case AttemptOutcome.Refused refused ->
                    throw new LlmException("POST " + uri + ": " + refused.reason(), refused.status(), attempt, null);
                case AttemptOutcome.Retryable failed -> {
                    if (attempt >= policy.maxAttempts()) {
                        throw new LlmException(
                                "POST " + uri + " failed after " + attempt + (attempt == 1 ? " attempt" : " attempts")
                                        + "; last: " + failed.reason(),
                                failed.status(),
                                attempt,
                                null);
                    }
                    Duration wait = policy.delay(attempt, failed.retryAfter(), ThreadLocalRandom.current());
                    int tried = attempt;
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            () -> "POST " + uri + " attempt " + tried + ": " + failed.reason() + "; retrying in "
                                    + wait.toMillis() + " ms");
                    time.sleep(wait, stop);
                }
            }
        }
    }

    /** One HTTP attempt. */
    @FunctionalInterface
    interface Attempt {
        AttemptOutcome run() throws InterruptedException;
    }
}
