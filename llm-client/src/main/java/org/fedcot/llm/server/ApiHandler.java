package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;

/**
 * Every request's path through the server: read the body, append it to the audit log, check the
 * API key, route, and answer any refusal as OpenAI's error JSON.
 */
final class ApiHandler implements HttpHandler {
    /** Bodies are read up to this size; a longer one is refused with 413. */
    static final int MAX_BODY_BYTES = 16 << 20;
    private static final String MODELS = "/v1/models";
    private static final String BEARER = "bearer ";

    private final ServedModel model;
    private final ModelsEndpoint models;
    private final byte[] apiKey;
    private final AuditLog audit;
    private final ObjectMapper mapper;

    ApiHandler(ServedModel model, String apiKey, AuditLog audit, ObjectMapper mapper) {
        this.model = model;
        this.models = new ModelsEndpoint(model, Instant.now().getEpochSecond(), mapper);
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.audit = audit;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Body body = readBody(exchange);
                record(exchange, body);
                if (body.truncated()) {
                    throw ApiException.tooLarge(MAX_BODY_BYTES);
                }
                checkKey(exchange);
                route(exchange, body.text());
            } catch (ApiException e) {
                refuse(exchange, e);
            } catch (UncheckedIOException | IOException gone) {
                // the client went away mid-answer; there is no one to answer
            } catch (RuntimeException e) {
                refuse(exchange, ApiException.internal(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    /** Appends the request to the audit log; a request that cannot be recorded is not served. */
    private void record(HttpExchange exchange, Body body) {
        if (audit == null) {
            return;
        }
        InetSocketAddress from = exchange.getRemoteAddress();
        try {
            audit.record(Instant.now(), from.getHostString() + ":" + from.getPort(), exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(), body.text(), body.truncated());
        } catch (IOException e) {
            throw ApiException.internal("the request could not be written to the audit log: " + e.getMessage());
        }
    }

    private void route(HttpExchange exchange, String body) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case MODELS -> {
                requireMethod(exchange, "GET");
                JsonResponses.send(exchange, mapper, 200, models.list());
            }
            case "/v1/completions" -> {
                requireMethod(exchange, "POST");
                RequestBody request = modelRequest(body);
                CompletionsEndpoint.plan(request, model, mapper).respond(exchange);
            }
            case "/v1/chat/completions" -> {
                requireMethod(exchange, "POST");
                RequestBody request = modelRequest(body);
                ChatEndpoint.plan(request, model, mapper).respond(exchange);
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
            throw ApiException.unauthorized(null, "You didn't provide an API key. Send it as 'Authorization: Bearer KEY'.");
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

    /** The body as UTF-8 text, at most {@link #MAX_BODY_BYTES} of it. */
    private record Body(String text, boolean truncated) {
    }

    private static Body readBody(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                int keep = Math.min(n, MAX_BODY_BYTES - bytes.size());
                bytes.write(buffer, 0, keep);
                if (keep < n) {
                    return new Body(bytes.toString(StandardCharsets.UTF_8), true);
                }
            }
        }
        return new Body(bytes.toString(StandardCharsets.UTF_8), false);
    }
}
