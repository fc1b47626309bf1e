package org.fedcot.llm.server;

import java.nio.file.Path;

/**
 * Where and how an {@link OpenAiServer} listens.
 *
 * @param host     the address to bind: loopback (127.0.0.1) unless the model should be reachable from
 *                 other machines
 * @param port     the port, or 0 for any free one ({@link OpenAiServer#port()} tells which)
 * @param apiKey   the bearer token every request must carry, or null to accept any request
 * @param auditLog the JSON-lines file every received request is appended to, or null for none
 * @param workers  requests handled at once; each generates on its own thread, the rest wait in line
 */
public record ServerOptions(String host, int port, String apiKey, Path auditLog, int workers) {
    /** The loopback address the server binds unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Requests handled at once unless told otherwise. */
    public static final int DEFAULT_WORKERS = 4;

    /** Checks the port range and that there is at least one worker. */
    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (apiKey != null && apiKey.isEmpty()) {
            throw new IllegalArgumentException("the API key must not be empty");
        }
    }

    /** Loopback on {@code port}, no key, no audit log, {@link #DEFAULT_WORKERS} workers. */
    public static ServerOptions loopback(int port) {
        return new ServerOptions(LOOPBACK, port, null, null, DEFAULT_WORKERS);
    }

    /** These options with {@code key} required of every request. */
    public ServerOptions withApiKey(String key) {
        return new ServerOptions(host, port, key, auditLog, workers);
    }

    /** These options with every request appended to {@code file}. */
    public ServerOptions withAuditLog(Path file) {
        return new ServerOptions(host, port, apiKey, file, workers);
    }

    /** These options with {@code n} workers. */
    public ServerOptions withWorkers(int n) {
        return new ServerOptions(host, port, apiKey, auditLog, n);
    }
}
