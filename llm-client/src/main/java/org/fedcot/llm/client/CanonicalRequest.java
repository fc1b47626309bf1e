package org.fedcot.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request as it goes on the wire: its endpoint path, its JSON body with object keys sorted (so equal
 * requests give equal text) and the SHA-256 of that text, the cache key. The body holds the model, the
 * prompt or messages and the sampling parameters; credentials travel in headers, never here.
 *
 * @param path the endpoint below the base URL, "/completions" or "/chat/completions"
 * @param body the canonical body
 * @param json the canonical body's text, exactly what is sent
 * @param key  lower-case hex SHA-256 of {@code json}'s UTF-8 bytes
 */
record CanonicalRequest(String path, JsonNode body, String json, String key) {

    /** The canonical form of {@code request} for {@code model}. */
    static CanonicalRequest of(String model, LlmRequest request, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model);
        String path =
                switch (request) {
                    case CompletionRequest c -> {
                        body.put("prompt", c.prompt());
                        yield "/completions";
                    }
                    case ChatRequest c -> {
                        ArrayNode messages = body.putArray("messages");
                        c.messages().forEach(m -> messages.addObject()
                                .put("role", m.role())
                                .put("content", m.content()));
                        yield "/chat/completions";
                    }
                };
        Sampling s = request.sampling();
        if (s.temperature() != null) {
            body.put("temperature", s.temperature());
        }
        if (s.maxTokens() != null) {
            body.put("max_tokens", s.maxTokens());
        }
        if (!s.stop().isEmpty()) {
            s.stop().forEach(body.putArray("stop")::add);
        }
        if (s.seed() != null) {
            body.put("seed", s.seed());
        }
        if (s.n() != null) {
            body.put("n", s.n());
        }
        if (s.topP() != null) {
            body.put("top_p", s.topP());
        }
        JsonNode sorted = sorted(body, mapper);
        try {
            String json = mapper.writeValueAsString(sorted);
            return new CanonicalRequest(path, sorted, json, sha256(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write request JSON: " + e.getMessage(), e);
        }
    }

    /** {@code node} with the keys of every object, at every depth, in sorted order. */
    private static JsonNode sorted(JsonNode node, ObjectMapper mapper) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue(), mapper)));
            ObjectNode out = mapper.createObjectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = mapper.createArrayNode();
            node.forEach(e -> out.add(sorted(e, mapper)));
            return out;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
