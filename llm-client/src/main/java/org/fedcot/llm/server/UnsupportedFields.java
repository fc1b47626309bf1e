package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Fields that would change what a client gets back and that this server does not implement
 * (log-probabilities, echo, penalties, tools, ...): asked for, they are a 400 rather than silently
 * ignored. Unknown fields and these at their neutral values (null, false, 0, empty) pass.
 */
final class UnsupportedFields {
    private static final List<String> COMMON = List.of("logprobs", "logit_bias", "presence_penalty",
            "frequency_penalty");
    private static final List<String> COMPLETIONS = List.of("echo", "suffix", "best_of");
    private static final List<String> CHAT = List.of("top_logprobs", "tools", "functions", "response_format");

    private UnsupportedFields() {
    }

    /** Throws a 400 naming the first unsupported field {@code body} asks for. */
    static void check(RequestBody body, boolean chat) {
        for (String name : COMMON) {
            refuse(body, name);
        }
        for (String name : chat ? CHAT : COMPLETIONS) {
            refuse(body, name);
        }
    }

    private static void refuse(RequestBody body, String name) {
        JsonNode v = body.get(name);
        if (v != null && !neutral(name, v)) {
            throw ApiException.badRequest(name, "'" + name + "' is not supported by this server.");
        }
    }

    private static boolean neutral(String name, JsonNode v) {
        return switch (name) {
            case "best_of" -> v.isIntegralNumber() && v.asLong() == 1;
            case "response_format" -> "text".equals(v.path("type").asText());
            default -> v.isBoolean() ? !v.asBoolean()
                    : v.isNumber() ? v.asDouble() == 0
                    : (v.isContainerNode() && v.isEmpty()) || (v.isTextual() && v.asText().isEmpty());
        };
    }
}
