package org.fedcot.llm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain java.net.http client for the server under test (independent of the project's own client),
 * with helpers for JSON bodies and server-sent event streams.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private final String key;

    /** Calls {@code server}, sending {@code key} as the bearer token when not null. */
    Api(OpenAiServer server, String key) {
        this.base = server.baseUrl();
        this.key = key;
    }

    /** A response: status and body. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The error object of an OpenAI error reply, after checking the status. */
        JsonNode error(int expectedStatus) {
            assertEquals(expectedStatus, status, body);
            JsonNode error = json().get("error");
            assertTrue(
                    error != null
                            && error.has("message")
                            && error.has("type")
                            && error.has("param")
                            && error.has("code"),
                    body);
            return error;
        }
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs with one more header, {@code name: value}. */
    Reply post(String path, String body, String name, String value) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header(name, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs and returns the 200 reply's JSON. */
    JsonNode postOk(String path, String body) {
        Reply r = post(path, body);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** POSTs a streaming request and returns its events' JSON, checking the stream ends with [DONE]. */
    List<JsonNode> stream(String path, String body) {
        Reply r = post(path, body);
        assertEquals(200, r.status(), r.body());
        List<JsonNode> events = new ArrayList<>();
        String[] blocks = r.body().split("\n\n");
        for (int i = 0; i < blocks.length; i++) {
            assertTrue(blocks[i].startsWith("data: "), "not an SSE data line: " + blocks[i]);
            String data = blocks[i].substring("data: ".length());
            if (i == blocks.length - 1) {
                assertEquals("[DONE]", data);
            } else {
                try {
                    events.add(JSON.readTree(data));
                } catch (JsonProcessingException e) {
                    throw new AssertionError("event is not JSON: " + data, e);
                }
            }
        }
        return events;
    }

    /** The texts of a streamed completion's events, joined in order: the whole text the stream carried. */
    static String completionText(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.get("choices").get(0).get("text").asText()));
        return text.toString();
    }

    /** {@code fields} (alternating names and values) as a JSON object. */
    static String json(Object... fields) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < fields.length; i += 2) {
            node.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        return node.toString();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
