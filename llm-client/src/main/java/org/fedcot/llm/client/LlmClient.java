package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Asks an OpenAI-compatible server ({@code /completions}, {@code /chat/completions}) as a {@link ClientConfig}
 * says: timeouts, retries with backoff and Retry-After, bounded concurrency, an optional rate limit, and a
 * {@link ResponseCache} consulted before anything is sent and written as soon as an answer arrives. Identical
 * requests in flight at once are sent once. Safe for use from many threads.
 *
 * <pre>{@code
 * try (LlmClient llm = LlmClient.open(ClientConfig.of(URI.create("http://localhost:8000/v1"), "qwen2")
 *         .withApiKeyEnv("OPENAI_API_KEY").withCacheFile(runDir.resolve("llm-cache.jsonl")))) {
 *     BatchResult r = llm.completeAll(requests, p -> bar.stepTo(p.done()));
 * }
 * }</pre>
 */
public final class LlmClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LlmClient.class.getName());
    private final ClientConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Transport transport;
    private final RetryingSender sender;
    /** {@code null} when the configuration names no cache file. */
    private final ResponseCache cache;
    /** {@code null} exactly when {@link #cache} is. */
    private final InFlightJournal journal;

    private final Map<String, CompletableFuture<LlmResponse>> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<Usage> paid = new AtomicReference<>(Usage.ZERO);

    private LlmClient(
            ClientConfig config, Optional<ApiKey> key, ResponseCache cache, InFlightJournal journal, TimeSource time) {
        this.config = config;
        this.cache = cache;
        this.journal = journal;
        this.transport = new Transport(config, key, mapper, time);
        this.sender = new RetryingSender(
                transport, config.retry(), config.maxConcurrency(), config.requestsPerMinute(), time);
    }

    /** A client for {@code config}, reading the API key (if it names one) from the process environment. */
    public static LlmClient open(ClientConfig config) throws IOException {
        return open(config, System::getenv);
    }

    /**
     * A client for {@code config}, reading the API key's variable with {@code environment}.
     *
     * @throws IllegalStateException when the configuration names a key variable that is not set
     * With a cache, the requests an earlier run left in flight (see {@link #inFlightAtOpen()}) are reported
     * as a warning.
     *
     * @throws IOException           when the cache file or its in-flight journal cannot be opened (see
     *                               {@link ResponseCache#open})
     */
    public static LlmClient open(ClientConfig config, UnaryOperator<String> environment) throws IOException {
        return open(config, environment, TimeSource.SYSTEM);
    }

    /**
     * As {@link #open(ClientConfig, UnaryOperator)}, with the rate limit, the waits between attempts and
     * Retry-After dates on {@code time}: the one place a test puts a virtual clock.
     */
    static LlmClient open(ClientConfig config, UnaryOperator<String> environment, TimeSource time) throws IOException {
        Optional<ApiKey> key = ApiKey.fromEnvironment(config.apiKeyEnv(), environment);
        if (config.cacheFile() == null) {
            return new LlmClient(config, key, null, null, time);
        }
        ResponseCache cache = ResponseCache.open(config.cacheFile());
        InFlightJournal journal;
        try {
            journal = InFlightJournal.open(cache);
        } catch (IOException | RuntimeException e) {
            cache.close();
            throw e;
        }
        int left = journal.inFlightAtOpen();
        if (left > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "response cache " + cache.file() + ": " + left
                            + (left == 1 ? " request was" : " requests were")
                            + " in flight when the last run stopped; asking"
                            + " again (a server that keeps recent answers by Idempotency-Key, as fedcot serve does, answers"
                            + " without generating twice)");
        }
        return new LlmClient(config, key, cache, journal, time);
    }

    /** The configuration this client follows. */
    public ClientConfig config() {
        return config;
    }

    /**
     * The answer to {@code request}, from the cache when it holds one.
     *
     * @throws LlmException when the server refuses the request, retries run out, or the thread is interrupted
     *                      (its interrupt status is then set)
     */
    public LlmResponse complete(LlmRequest request) {
        return fetch(canonical(request), new StopSignal());
    }

    /**
     * The answers to {@code requests}, in their order, at most {@code maxConcurrency} in flight. Cached answers
     * are not asked again. The first failure stops the batch: no further request starts, those in flight
     * finish (and are cached), then the failure is thrown, saying how many answers the batch had.
     *
     * @throws LlmException as {@link #complete} does; or what {@code listener} threw
     */
    public BatchResult completeAll(List<? extends LlmRequest> requests, BatchListener listener) {
        return new BatchRun(this, requests.stream().map(this::canonical).toList(), listener).run();
    }

    /**
     * The answer to {@code request}, streamed: the server sends it as server-sent events and
     * {@code listener} gets each piece of text as it arrives. A cached answer comes as one piece per
     * alternative. The answer is cached in its unstreamed form, so streamed and unstreamed calls share
     * entries.
     *
     * @throws LlmException as {@link #complete} does
     */
    public LlmResponse stream(LlmRequest request, StreamListener listener) {
        CanonicalRequest canonical = canonical(request);
        Optional<LlmResponse> hit = cached(canonical);
        if (hit.isPresent()) {
            hit.get().choices().forEach(c -> listener.onText(c.index(), c.text()));
            return hit.get();
        }
        boolean[] delivered = {false};
        StreamListener tracking = (index, delta) -> {
            delivered[0] = true;
            listener.onText(index, delta);
        };
        return ask(canonical, new StopSignal(), () -> {
            if (delivered[0]) {
                delivered[0] = false;
                listener.onRestart();
            }
            return transport.sendStreaming(canonical, tracking);
        });
    }

    /**
     * How many requests earlier runs on this cache sent and never got an answer or a refusal for: those in
     * flight when the run was killed. 0 without a cache.
     */
    public int inFlightAtOpen() {
        return journal == null ? 0 : journal.inFlightAtOpen();
    }

    /** Tokens of every answer this client has paid for (cache hits excluded), summed. */
    public Usage usage() {
        return paid.get();
    }

    /** Releases the cache file and the HTTP client. */
    @Override
    public void close() throws IOException {
        try {
            transport.close();
        } finally {
            if (cache != null) {
                try {
                    journal.close();
                } finally {
                    cache.close();
                }
            }
        }
    }

    /** {@code request} as this client sends it, with its cache key. */
    CanonicalRequest canonical(LlmRequest request) {
        return CanonicalRequest.of(config.model(), request, mapper);
    }

    /** The cached answer to {@code request}, if the cache holds one. */
    Optional<LlmResponse> cached(CanonicalRequest request) {
        return cache == null ? Optional.empty() : cache.get(request.key());
    }

    /** The answer to {@code request}: cached, shared with an identical request in flight, or asked for. */
    LlmResponse fetch(CanonicalRequest request, StopSignal stop) {
        Optional<LlmResponse> hit = cached(request);
        if (hit.isPresent()) {
            return hit.get();
        }
        CompletableFuture<LlmResponse> mine = new CompletableFuture<>();
        CompletableFuture<LlmResponse> other = inFlight.putIfAbsent(request.key(), mine);
        if (other != null) {
            return awaitShared(other, request, stop);
        }
        LlmResponse answer;
        try {
            // an identical request may have finished between the first look and taking the in-flight slot
            hit = cached(request);
            answer = hit.isPresent() ? hit.get() : ask(request, stop);
        } catch (RuntimeException | Error e) {
            // leave the slot before waking those sharing it, so that one asking again does not find it
            inFlight.remove(request.key(), mine);
            mine.completeExceptionally(e);
            throw e;
        }
        inFlight.remove(request.key(), mine);
        mine.complete(answer);
        return answer;
    }

    private LlmResponse ask(CanonicalRequest request, StopSignal stop) {
        return ask(request, stop, () -> transport.send(request));
    }

    /**
     * Asks with {@code attempt}, journalled: "asked" as an attempt goes out, "settled" when the request ends
     * refused or out of retries. An interrupted or cancelled request is left as asked: the server may be
     * generating it still.
     */
    private LlmResponse ask(CanonicalRequest request, StopSignal stop, RetryingSender.Attempt attempt) {
        RetryingSender.Attempt journalled = journal == null
                ? attempt
                : () -> {
                    journal.asked(request.key());
                    return attempt.run();
                };
        try {
            AttemptOutcome.Answered answered = sender.send(request, stop, journalled);
            paid.accumulateAndGet(answered.response().usage(), Usage::plus);
            if (cache != null) {
                cache.put(request, answered.raw(), answered.response());
            }
            return answered.response();
        } catch (LlmException e) {
            if (journal != null && !Thread.currentThread().isInterrupted()) {
                journal.settled(request.key());
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("POST " + transport.uri(request) + ": interrupted", -1, 0, e);
        }
    }

    private LlmResponse awaitShared(CompletableFuture<LlmResponse> other, CanonicalRequest request, StopSignal stop) {
        try {
            return other.get().asCached();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("POST " + transport.uri(request) + ": interrupted", -1, 0, e);
        } catch (ExecutionException e) {
            // the other request's batch was stopped, not this one: ask again
            if (e.getCause() instanceof CancellationException) {
                return fetch(request, stop);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e.getCause();
        }
    }
}
