package org.fedcot.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Makes one HTTP attempt of a request and says how it ended; retrying is the caller's business. */
final class Transport implements AutoCloseable {
    private final HttpClient http;
    private final String baseUrl;
    private final Optional<ApiKey> key;
    private final Duration requestTimeout;
    private final ObjectMapper mapper;

    Transport(ClientConfig config, Optional<ApiKey> key, ObjectMapper mapper) {
        this.baseUrl = config.baseUrl().toString().replaceAll("/+$", "");
        this.key = key;
        this.requestTimeout = config.requestTimeout();
        this.mapper = mapper;
        // plain http stays on HTTP/1.1: the h2c upgrade the JDK would try confuses some local servers
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .version("https".equalsIgnoreCase(config.baseUrl().getScheme())
                        ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Where {@code request} is posted. */
    URI uri(CanonicalRequest request) {
        return URI.create(baseUrl + request.path());
    }

    /** Posts {@code request} once. */
    AttemptOutcome send(CanonicalRequest request) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request)).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.json(), StandardCharsets.UTF_8));
        key.ifPresent(k -> b.header("Authorization", k.bearer()));
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return new AttemptOutcome.Retryable("no connection within " + seconds(http.connectTimeout().orElseThrow()),
                    -1, Optional.empty());
        } catch (HttpTimeoutException e) {
            return new AttemptOutcome.Retryable("no response within " + seconds(requestTimeout), -1, Optional.empty());
        } catch (IOException e) {
            return new AttemptOutcome.Retryable(redact("connection error: " + describe(e)), -1, Optional.empty());
        }
        return classify(response);
    }

    private AttemptOutcome classify(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
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
                return new AttemptOutcome.Retryable(redact("malformed response body: " + oneLine(parseError)), status,
                        Optional.empty());
            }
            try {
                return new AttemptOutcome.Answered(json, ResponseJson.parse(json, false));
            } catch (IllegalArgumentException e) {
                return new AttemptOutcome.Retryable("malformed response body: " + e.getMessage(), status, Optional.empty());
            }
        }
        String reason = redact("HTTP " + status + ": " + ResponseJson.errorMessage(json, body));
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                    Instant.now());
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
