package org.fedcot.llm.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how an {@link OpenAiServer} listens.
 *
 * @param host           the address to bind: loopback (127.0.0.1) unless the model should be reachable from
 *                       other machines
 * @param port           the port, or 0 for any free one ({@link OpenAiServer#port()} tells which)
 * @param apiKey         the bearer token every request must carry, or null to accept any request
 * @param auditLog       the JSON-lines file every authenticated request is appended to, or null for none
 * @param maxBatch       most sequences (choices of requests) generated together in one batch: a larger batch
 *                       gives more tokens per second in all, at the cost of each sequence's own speed and one
 *                       KV cache each; further sequences wait in line, first come first served
 * @param requestTimeout how long a client has to send its whole request (line, headers and body); a slower
 *                       one is disconnected, so it cannot hold a connection slot for long
 * @param maxConnections most connections being read or answered at once; further connections are closed as
 *                       they arrive (idle keep-alive connections are not counted)
 * @param auditBodyLimit most bytes of a body the audit log records; a longer body is recorded cut to this
 *                       size, marked truncated, with its full size
 * @param replayBytes    most bytes of recent responses kept for requests carrying an {@code Idempotency-Key}
 *                       (see {@link ReplayMemory}); 0 keeps none
 */
public record ServerOptions(
        String host,
        int port,
        String apiKey,
        Path auditLog,
        int maxBatch,
        Duration requestTimeout,
        int maxConnections,
        int auditBodyLimit,
        long replayBytes) {
    /** The loopback address the server binds unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Sequences generated together unless told otherwise. */
    public static final int DEFAULT_MAX_BATCH = 8;
    /** The time a client has to send a request unless told otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Connections read or answered at once unless told otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Body bytes an audit line records unless told otherwise: 64 KiB. */
    public static final int DEFAULT_AUDIT_BODY_LIMIT = 64 << 10;
    /** Bytes of responses kept for replay unless told otherwise: 64 MiB. */
    public static final long DEFAULT_REPLAY_BYTES = 64L << 20;

    /** Checks the port range, that a batch holds at least one sequence and at least one connection is allowed, and the limits' signs. */
    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + maxBatch);
        }
        if (apiKey != null && apiKey.isEmpty()) {
            throw new IllegalArgumentException("the API key must not be empty");
        }
        if (requestTimeout == null || !requestTimeout.isPositive()) {
            throw new IllegalArgumentException("the request timeout must be positive, got " + requestTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, got " + maxConnections);
        }
        if (auditBodyLimit < 0) {
            throw new IllegalArgumentException("the audit body limit must not be negative, got " + auditBodyLimit);
        }
        if (replayBytes < 0) {
            throw new IllegalArgumentException("the replay memory must not be negative, got " + replayBytes);
        }
    }

    /** These options with the default timeout, connection cap, audit limit and replay memory. */
    public ServerOptions(String host, int port, String apiKey, Path auditLog, int maxBatch) {
        this(
                host,
                port,
                apiKey,
                auditLog,
                maxBatch,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_AUDIT_BODY_LIMIT,
                DEFAULT_REPLAY_BYTES);
    }

    /** Loopback on {@code port}, no key, no audit log, a batch of {@link #DEFAULT_MAX_BATCH}, the default limits. */
    public static ServerOptions loopback(int port) {
        return new ServerOptions(LOOPBACK, port, null, null, DEFAULT_MAX_BATCH);
    }

    /** These options with {@code key} required of every request. */
    public ServerOptions withApiKey(String key) {
        return new ServerOptions(
                host, port, key, auditLog, maxBatch, requestTimeout, maxConnections, auditBodyLimit, replayBytes);
    }

    /** These options with every authenticated request appended to {@code file}. */
    public ServerOptions withAuditLog(Path file) {
        return new ServerOptions(
                host, port, apiKey, file, maxBatch, requestTimeout, maxConnections, auditBodyLimit, replayBytes);
    }

    /** These options generating at most {@code n} sequences together. */
    public ServerOptions withMaxBatch(int n) {
        return new ServerOptions(
                host, port, apiKey, auditLog, n, requestTimeout, maxConnections, auditBodyLimit, replayBytes);
    }

    /** These options giving clients {@code timeout} to send a request. */
    public ServerOptions withRequestTimeout(Duration timeout) {
        return new ServerOptions(
                host, port, apiKey, auditLog, maxBatch, timeout, maxConnections, auditBodyLimit, replayBytes);
    }

    /** These options with at most {@code n} connections read or answered at once. */
    public ServerOptions withMaxConnections(int n) {
        return new ServerOptions(
                host, port, apiKey, auditLog, maxBatch, requestTimeout, n, auditBodyLimit, replayBytes);
    }

    /** These options recording at most {@code bytes} of each body in the audit log. */
    public ServerOptions withAuditBodyLimit(int bytes) {
        return new ServerOptions(
                host, port, apiKey, auditLog, maxBatch, requestTimeout, maxConnections, bytes, replayBytes);
    }

    /** These options keeping at most {@code bytes} of responses for replay (0: none). */
    public ServerOptions withReplayBytes(long bytes) {
        return new ServerOptions(
                host, port, apiKey, auditLog, maxBatch, requestTimeout, maxConnections, auditBodyLimit, bytes);
    }
}
