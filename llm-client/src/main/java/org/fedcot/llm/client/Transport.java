package org.fedcot.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Makes one HTTP attempt of a request and says how it ended; retrying is the caller's business. */
final class Transport implements AutoCloseable {
    /**
     * Sent with every request, the SHA-256 of its canonical body: a server that keeps recent answers by it
     * (fedcot serve) answers a request asked again, by a retry or a resumed run, without generating it twice;
     * other servers ignore the header.
     */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient http;
    private final String baseUrl;
    private final Optional<ApiKey> key;
    private final Duration requestTimeout;
    private final ObjectMapper mapper;
    private final TimeSource time;

    Transport(ClientConfig config, Optional<ApiKey> key, ObjectMapper mapper, TimeSource time) {
        this.baseUrl = config.baseUrl().toString().replaceAll("/+$", "");
        this.key = key;
        this.requestTimeout = config.requestTimeout();
        this.mapper = mapper;
        this.time = time;
        // plain http stays on HTTP/1.1: the h2c upgrade the JDK would try confuses some local servers
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(
                        "https".equalsIgnoreCase(config.baseUrl().getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Where {@code request} is posted. */
    URI uri(CanonicalRequest request) {
        return URI.create(baseUrl + request.path());
    }

    /** Posts {@code request} once. */
    AttemptOutcome send(CanonicalRequest request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(
                    post(request, request.json(), "application/json"),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failed(e);
        }
        return classify(response.statusCode(), response.body(), response.headers());
    }

    /**
     * Posts {@code request} once with {@code "stream": true}, handing text to {@code listener} as the
     * server-sent events arrive; the answer is the reassembled unstreamed body. A stream that ends before
     * its {@code [DONE]} event is a dropped connection.
     */
    AttemptOutcome sendStreaming(CanonicalRequest request, StreamListener listener) throws InterruptedException {
        ObjectNode body = ((ObjectNode) request.body().deepCopy()).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        HttpResponse<Stream<String>> response;
        try {
            response =
                    http.send(post(request, body.toString(), "text/event-stream"), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            return failed(e);
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return classify(response.statusCode(), lines.collect(Collectors.joining("\n")), response.headers());
            }
            StreamAssembler assembler = new StreamAssembler(request.path().startsWith("/chat"), listener);
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring("data:".length()).strip();
                if (data.equals("[DONE]")) {
                    JsonNode whole = assembler.body(mapper);
                    return new AttemptOutcome.Answered(whole, ResponseJson.parse(whole, false));
                }
                assembler.add(mapper.readTree(data));
            }
            return new AttemptOutcome.Retryable("stream ended before [DONE]", response.statusCode(), Optional.empty());
        } catch (JsonProcessingException e) {
            return new AttemptOutcome.Retryable(
                    redact("malformed stream event: " + oneLine(e.getOriginalMessage())),
                    response.statusCode(),
                    Optional.empty());
        } catch (IllegalArgumentException e) {
            return new AttemptOutcome.Retryable(
                    redact("malformed stream: " + e.getMessage()), response.statusCode(), Optional.empty());
        } catch (UncheckedIOException e) {
            return failed(e.getCause());
        }
    }

    private HttpRequest post(CanonicalRequest request, String json, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .header(IDEMPOTENCY_KEY, request.key())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        key.ifPresent(k -> b.header("Authorization", k.bearer()));
        return b.build();
    }

    /** A connection that could not be made, timed out, or broke. */
    private AttemptOutcome failed(IOException e) {
        String reason;
        if (e instanceof HttpConnectTimeoutException) {
            reason = "no connection within " + seconds(http.connectTimeout().orElseThrow());
        } else if (e instanceof HttpTimeoutException) {
            reason = "no response within " + seconds(requestTimeout);
        } else {
            reason = redact("connection error: " + describe(e));
        }
        return new AttemptOutcome.Retryable(reason, -1, Optional.empty());
    }

    private AttemptOutcome classify(int status, String bodyOrNull, HttpHeaders headers) {
        String body = bodyOrNull == null ? "" : bodyOrNull;
        JsonNode json;
        String parseError;
        try {
            json = mapper.readTree(body);
            parseError = json == null || json.isMissingNode() ? "empty body" : null;
        } catch (JsonProcessingException e) {
            json = null;
            parseError = e.getOriginalMessage();
        }
        if (status >= 200 && status < 300) {
            if (parseError != null) {
                return new AttemptOutcome.Retryable(
                        redact("malformed response body: " + oneLine(parseError)), status, Optional.empty());
            }
            try {
                return new AttemptOutcome.Answered(json, ResponseJson.parse(json, false));
            } catch (IllegalArgumentException e) {
                return new AttemptOutcome.Retryable(
                        "malformed response body: " + e.getMessage(), status, Optional.empty());
            }
        }
        String reason = redact("HTTP " + status + ": " + ResponseJson.errorMessage(json, body));
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            Optional<Duration> retryAfter =
                    RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), time.now());
            return new AttemptOutcome.Retryable(reason, status, retryAfter);
        }
        return new AttemptOutcome.Refused(reason, status);
    }

    private String redact(String text) {
        return key.map(k -> k.redact(text)).orElse(text);
    }

    /** The exception's type and the first message along its causes: "ConnectException: Connection refused". */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + oneLine(t.getMessage());
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String seconds(Duration d) {
        return d.toMillis() / 1000.0 + " s";
    }

    @Override
    public void close() {
        http.close();
    }
}
