package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * An OpenAI-compatible HTTP server for one local model, on the JDK's HTTP server: GET /v1/models
 * (and /v1/models/{id}), POST /v1/completions and POST /v1/chat/completions, whole or streamed as
 * server-sent events; errors in OpenAI's JSON shape.
 *
 * <p>Each connection is read on its own virtual thread, within the request timeout (see
 * {@link ConnectionThreads}); a request read whole, authenticated and within the size limit then queues
 * each of its choices with the model's one {@link GenerationScheduler}, which decodes up to
 * {@link ServerOptions#maxBatch()} sequences together (continuous batching: each joins and leaves the
 * batch between steps, later ones wait in line, first come first served), and waits for their text.
 * A generation request that names an {@code Idempotency-Key} it repeats is answered from
 * {@link ReplayMemory}.
 *
 * <pre>{@code
 * try (OpenAiServer server = OpenAiServer.start(ServedModel.load(path, null, null), ServerOptions.loopback(0))) {
 *     URI base = URI.create(server.baseUrl());   // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 */
public final class OpenAiServer implements AutoCloseable {
    /** How long {@link #close()} lets requests in progress finish before abandoning them. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** The JDK HTTP server's switch for TCP_NODELAY, read when its first server is made. */
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer http;
    private final ConnectionThreads connections;
    private final GenerationScheduler scheduler;
    private final AuditLog audit;

    private OpenAiServer(
            HttpServer http, ConnectionThreads connections, GenerationScheduler scheduler, AuditLog audit) {
        this.http = http;
        this.connections = connections;
        this.scheduler = scheduler;
        this.audit = audit;
    }

    /**
     * Starts serving {@code model} as {@code options} say and returns once the port is bound.
     *
     * @throws IOException if the address cannot be bound (the message names it) or the audit log
     *                     cannot be opened
     */
    public static OpenAiServer start(ServedModel model, ServerOptions options) throws IOException {
        return start(model, options, GenerationHook.NONE);
    }

    /** {@link #start(ServedModel, ServerOptions)} calling {@code hook} as each generation starts. */
    static OpenAiServer start(ServedModel model, ServerOptions options, GenerationHook hook) throws IOException {
        // streamed tokens are small writes: without TCP_NODELAY, Nagle holds each one back until the last is acked
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        ObjectMapper mapper = new ObjectMapper();
        AuditLog audit =
                options.auditLog() == null ? null : AuditLog.open(options.auditLog(), mapper, options.auditBodyLimit());
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(audit);
            throw new IOException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        ConnectionThreads connections = new ConnectionThreads(options.requestTimeout(), options.maxConnections());
        GenerationScheduler scheduler = new GenerationScheduler(model, options.maxBatch(), hook);
        http.setExecutor(connections);
        http.createContext("/", new ApiHandler(model, options, audit, mapper, connections, scheduler, hook));
        http.start();
        return new OpenAiServer(http, connections, scheduler, audit);
    }

    /** The port the server listens on (the one chosen when the options asked for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The base URL clients are given, e.g. {@code http://127.0.0.1:8000/v1}. */
    public String baseUrl() {
        InetSocketAddress address = http.getAddress();
        String host = address.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/v1";
    }

    /**
     * Stops accepting connections, lets requests in progress finish for a few seconds, then cuts the rest
     * off (interrupted, each cancels its sequences), stops the scheduler and closes the audit log.
     */
    @Override
    public void close() {
        http.stop(0);
        connections.close(DRAIN);
        scheduler.close();
        closeQuietly(audit);
    }

    /** The scheduler, for tests that must know how many sequences were decoded together. */
    GenerationScheduler scheduler() {
        return scheduler;
    }

    /** The connection threads, for tests that must know how many connections are being read or answered. */
    ConnectionThreads connections() {
        return connections;
    }

    private static void closeQuietly(AuditLog audit) {
        if (audit == null) {
            return;
        }
        try {
            audit.close();
        } catch (IOException e) {
            // every line was written whole as it came; closing can lose nothing
        }
    }
}
