package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;

/**
 * Every request's path through the server: check the API key (from the headers alone), read the body
 * (refusing one over the size limit, from its Content-Length when it has one, before reading it), append it
 * to the audit log, route, and answer any refusal as OpenAI's error JSON. So an unauthenticated or oversize
 * body is never read or logged. The exchange runs on a connection thread (see {@link ConnectionThreads});
 * only once its request is whole, authenticated and in size does a generation queue its choices with the
 * {@link GenerationScheduler}, and this thread waits for them (unmounted) and sends what they generate.
 */
final class ApiHandler implements HttpHandler {
    /** Bodies are read up to this size; a longer one is refused with 413. */
    static final int MAX_BODY_BYTES = 16 << 20;
    /** The header a client names a request's idempotency key in (see {@link ReplayMemory}). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final String MODELS = "/v1/models";
    private static final String COMPLETIONS = "/v1/completions";
    private static final String CHAT = "/v1/chat/completions";
    private static final String BEARER = "bearer ";

    private final ServedModel model;
    private final ModelsEndpoint models;
    private final byte[] apiKey;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final ConnectionThreads connections;
    private final GenerationScheduler scheduler;
    /** Null when the options keep no responses. */
    private final ReplayMemory replays;

    private final GenerationHook hook;

    ApiHandler(
            ServedModel model,
            ServerOptions options,
            AuditLog audit,
            ObjectMapper mapper,
            ConnectionThreads connections,
            GenerationScheduler scheduler,
            GenerationHook hook) {
        this.model = model;
        this.models = new ModelsEndpoint(model, Instant.now().getEpochSecond(), mapper);
        this.apiKey = options.apiKey() == null ? null : options.apiKey().getBytes(StandardCharsets.UTF_8);
        this.audit = audit;
        this.mapper = mapper;
        this.connections = connections;
        this.scheduler = scheduler;
        this.replays = options.replayBytes() > 0 ? new ReplayMemory(options.replayBytes()) : null;
        this.hook = hook;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                checkKey(exchange);
                byte[] body = RequestBytes.read(exchange, MAX_BODY_BYTES);
                if (!connections.requestRead()) {
                    return; // too slow: the connection is closed under us
                }
                answer(exchange, body);
            } catch (ApiException e) {
                refuse(exchange, e);
            } catch (UncheckedIOException | IOException gone) {
                // the client went away mid-answer; there is no one to answer
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt(); // the server is closing
            } catch (RuntimeException e) {
                refuse(exchange, ApiException.internal(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    /** Records and answers a request read whole: from memory when it repeats one, else by routing it. */
    private void answer(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        ReplayMemory.Claim claim = claim(exchange, body);
        try {
            RecordedResponse replay = claim == null ? null : claim.replay();
            record(exchange, body, replay != null);
            if (replay != null) {
                replay.send(exchange);
            } else {
                route(exchange, new String(body, StandardCharsets.UTF_8), claim);
            }
        } finally {
            if (claim != null) {
                claim.finish(null); // no-op once the generation kept its response
            }
        }
    }

    /** The claim of a generation request that names an idempotency key, or null when it is not one. */
    private ReplayMemory.Claim claim(HttpExchange exchange, byte[] body) throws InterruptedException {
        String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        String path = exchange.getRequestURI().getPath();
        if (replays == null
                || key == null
                || !exchange.getRequestMethod().equals("POST")
                || !(path.equals(COMPLETIONS) || path.equals(CHAT))) {
            return null;
        }
        return replays.claim(ReplayMemory.key(key, path, body));
    }

    /** Appends the request to the audit log; a request that cannot be recorded is not served. */
    private void record(HttpExchange exchange, byte[] body, boolean replay) {
        if (audit == null) {
            return;
        }
        InetSocketAddress from = exchange.getRemoteAddress();
        try {
            audit.record(
                    Instant.now(),
                    from.getHostString() + ":" + from.getPort(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    body,
                    replay);
        } catch (IOException e) {
            throw ApiException.internal("the request could not be written to the audit log: " + e.getMessage());
        }
    }

    private void route(HttpExchange exchange, String body, ReplayMemory.Claim claim)
            throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case MODELS -> {
                requireMethod(exchange, "GET");
                JsonResponses.send(exchange, mapper, 200, models.list());
            }
            case COMPLETIONS, CHAT -> {
                requireMethod(exchange, "POST");
                generate(exchange, body, path.equals(CHAT), claim);
            }
            default -> {
                if (!path.startsWith(MODELS + "/") || path.length() == MODELS.length() + 1) {
                    throw ApiException.unknownUrl(method, path);
                }
                requireMethod(exchange, "GET");
                JsonResponses.send(exchange, mapper, 200, models.retrieve(path.substring(MODELS.length() + 1)));
            }
        }
    }

    /** Plans a generation and runs it in the batch, waiting for its turn. */
    private void generate(HttpExchange exchange, String body, boolean chat, ReplayMemory.Claim claim)
            throws IOException, InterruptedException {
        hook.starting(body);
        RequestBody request = modelRequest(body);
        CompletionRun run =
                chat ? ChatEndpoint.plan(request, model, mapper) : CompletionsEndpoint.plan(request, model, mapper);
        run.respond(exchange, scheduler, () -> hook.submitted(body), sent -> {
            if (claim != null) {
                claim.finish(sent);
            }
        });
    }

    /** The body of a generation request, whose "model" must name the hosted model. */
    private RequestBody modelRequest(String body) {
        RequestBody request = RequestBody.parse(mapper, body);
        String requested = request.requiredString("model");
        if (!requested.equals(model.id())) {
            throw ApiException.modelNotFound(requested);
        }
        return request;
    }

    /** A 405 naming the one method the path takes (also in the Allow header) unless the request used it. */
    private static void requireMethod(HttpExchange exchange, String allowed) {
        String method = exchange.getRequestMethod();
        if (!method.equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw ApiException.methodNotAllowed(method, exchange.getRequestURI().getPath(), allowed);
        }
    }

    /** With a key configured, the request must carry {@code Authorization: Bearer KEY}, compared in constant time. */
    private void checkKey(HttpExchange exchange) {
        if (apiKey == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw ApiException.unauthorized(
                    null, "You didn't provide an API key. Send it as 'Authorization: Bearer KEY'.");
        }
        byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, apiKey)) {
            throw ApiException.unauthorized("invalid_api_key", "Incorrect API key provided.");
        }
    }

    private void refuse(HttpExchange exchange, ApiException e) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return; // a streamed answer already started; CompletionRun told the client in the stream
        }
        if (e.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        JsonResponses.send(exchange, mapper, e.status(), JsonResponses.error(mapper, e));
    }
}
