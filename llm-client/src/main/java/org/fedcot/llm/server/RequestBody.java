package org.fedcot.llm.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's JSON object with typed field access: every wrong type or value is a 400 naming the field.
 * A field given as JSON null counts as absent, as in OpenAI's API.
 */
final class RequestBody {
    private final ObjectNode json;

    private RequestBody(ObjectNode json) {
        this.json = json;
    }

    /** Parses {@code body}, which must be one JSON object. */
    static RequestBody parse(ObjectMapper mapper, String body) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(
                    null,
                    "We could not parse the JSON body of your request: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(null, "The request body must be a JSON object.");
        }
        return new RequestBody((ObjectNode) node);
    }

    /** The field, or null when absent or JSON null. */
    JsonNode get(String name) {
        JsonNode v = json.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** The names of the fields present, JSON nulls included, in the order sent. */
    Iterable<String> names() {
        return json::fieldNames;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    String requiredString(String name) {
        JsonNode v = get(name);
        if (v == null) {
            throw ApiException.badRequest(name, "Missing required parameter: '" + name + "'.");
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(name, "'" + name + "' must be a string.");
        }
        return v.asText();
    }

    boolean bool(String name, boolean absent) {
        JsonNode v = get(name);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest(name, "'" + name + "' must be a boolean.");
        }
        return v.asBoolean();
    }

    /** An integer field in [min, max], or {@code absent}. */
    Long integer(String name, long min, long max, Long absent) {
        JsonNode v = get(name);
        if (v == null) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badRequest(name, "'" + name + "' must be an integer.");
        }
        long x = v.asLong();
        if (x < min || x > max) {
            throw ApiException.badRequest(
                    name, "'" + name + "' must be between " + min + " and " + max + ", got " + x + ".");
        }
        return x;
    }

    /** A finite number field in [min, max], or {@code absent}. */
    double number(String name, double min, double max, double absent) {
        JsonNode v = get(name);
        if (v == null) {
            return absent;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw ApiException.badRequest(name, "'" + name + "' must be a number.");
        }
        double x = v.asDouble();
        if (x < min || x > max) {
            throw ApiException.badRequest(
                    name, "'" + name + "' must be between " + min + " and " + max + ", got " + x + ".");
        }
        return x;
    }

    /** An object field, or null when absent. */
    ObjectNode object(String name) {
        JsonNode v = get(name);
        if (v != null && !v.isObject()) {
            throw ApiException.badRequest(name, "'" + name + "' must be an object.");
        }
        return (ObjectNode) v;
    }
}
