package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible HTTP server for one local model, on the JDK's HTTP server: GET /v1/models
 * (and /v1/models/{id}), POST /v1/completions and POST /v1/chat/completions, whole or streamed as
 * server-sent events; errors in OpenAI's JSON shape.
 *
 * <p>Requests are handled by {@link ServerOptions#workers()} threads; further requests wait in line
 * for one. Generations run concurrently, one KV cache each (see {@link ServedModel}).
 *
 * <pre>{@code
 * try (OpenAiServer server = OpenAiServer.start(ServedModel.load(path, null, null), ServerOptions.loopback(0))) {
 *     URI base = URI.create(server.baseUrl());   // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 */
public final class OpenAiServer implements AutoCloseable {
    /** How long {@link #close()} lets requests in progress finish before abandoning them. */
    private static final long DRAIN_SECONDS = 5;
    /** The JDK HTTP server's switch for TCP_NODELAY, read when its first server is made. */
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer http;
    private final ExecutorService workers;
    private final AuditLog audit;

    private OpenAiServer(HttpServer http, ExecutorService workers, AuditLog audit) {
        this.http = http;
        this.workers = workers;
        this.audit = audit;
    }

    /**
     * Starts serving {@code model} as {@code options} say and returns once the port is bound.
     *
     * @throws IOException if the address cannot be bound (the message names it) or the audit log
     *                     cannot be opened
     */
    public static OpenAiServer start(ServedModel model, ServerOptions options) throws IOException {
        // streamed tokens are small writes: without TCP_NODELAY, Nagle holds each one back until the last is acked
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        ObjectMapper mapper = new ObjectMapper();
        AuditLog audit = options.auditLog() == null ? null : AuditLog.open(options.auditLog(), mapper);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(audit);
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        ExecutorService workers = workers(options.workers());
        http.setExecutor(workers);
        http.createContext("/", new ApiHandler(model, options.apiKey(), audit, mapper));
        http.start();
        return new OpenAiServer(http, workers, audit);
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
     * Stops accepting connections, lets requests in progress finish for a few seconds, and closes the
     * audit log.
     */
    @Override
    public void close() {
        http.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        closeQuietly(audit);
    }

    /** A fixed pool of daemon threads, so a forgotten server never keeps the JVM alive. */
    private static ExecutorService workers(int n) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(n, n, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "fedcot-serve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
