package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Whole JSON responses, and errors in OpenAI's shape. */
final class JsonResponses {
    /** The Content-Type of every JSON response. */
    static final String JSON = "application/json";

    private JsonResponses() {}

    /** Sends {@code body} as the whole response with {@code status}. */
    static void send(HttpExchange exchange, ObjectMapper mapper, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code {"error": {"message", "type", "param", "code"}}}. */
    static ObjectNode error(ObjectMapper mapper, ApiException e) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error")
                .put("message", e.getMessage())
                .put("type", e.type())
                .put("param", e.param())
                .put("code", e.code());
        return body;
    }
}
