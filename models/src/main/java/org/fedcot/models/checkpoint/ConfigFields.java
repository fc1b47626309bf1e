package org.fedcot.models.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the fields of a config.json; JSON null counts as absent. Errors name the file and
 * field. Each {@link org.fedcot.models.transformer.Architecture} reads its own fields through it.
 *
 * @param root   the parsed object
 * @param source the file, for error messages
 */
public record ConfigFields(JsonNode root, String source) {
    /** Whether the field is written at all, null included. */
    public boolean listed(String name) {
        return root.has(name);
    }

    /** Whether the field is written with a non-null value. */
    public boolean has(String name) {
        JsonNode n = root.get(name);
        return n != null && !n.isNull();
    }

    private JsonNode required(String name) throws CheckpointException {
        if (!has(name)) {
            throw new CheckpointException(source + ": missing required field '" + name + "'");
        }
        return root.get(name);
    }

    public String requiredString(String name) throws CheckpointException {
        JsonNode n = required(name);
        if (!n.isTextual()) {
            throw wrongType(name, "a string", n);
        }
        return n.textValue();
    }

    public int requiredInt(String name) throws CheckpointException {
        return toInt(name, required(name));
    }

    public Optional<Integer> optionalInt(String name) throws CheckpointException {
        return has(name) ? Optional.of(toInt(name, root.get(name))) : Optional.empty();
    }

    public Optional<Double> optionalDouble(String name) throws CheckpointException {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode n = root.get(name);
        if (!n.isNumber()) {
            throw wrongType(name, "a number", n);
        }
        return Optional.of(n.doubleValue());
    }

    public Optional<Boolean> optionalBoolean(String name) throws CheckpointException {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode n = root.get(name);
        if (!n.isBoolean()) {
            throw wrongType(name, "true or false", n);
        }
        return Optional.of(n.booleanValue());
    }

    /** An int, or a list of ints (Llama 3 lists several end-of-sequence ids). */
    public List<Integer> intOrIntList(String name) throws CheckpointException {
        JsonNode n = root.get(name);
        if (!n.isArray()) {
            return List.of(toInt(name, n));
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode e : n) {
            ids.add(toInt(name, e));
        }
        return ids;
    }

    public void refuse(String name, String why) throws CheckpointException {
        if (has(name)) {
            throw new CheckpointException(source + ": " + name + " is set but " + why);
        }
    }

    private int toInt(String name, JsonNode n) throws CheckpointException {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw wrongType(name, "an integer", n);
        }
        return n.intValue();
    }

    private CheckpointException wrongType(String name, String expected, JsonNode n) {
        return new CheckpointException(source + ": field '" + name + "' must be " + expected + ", got " + n);
    }
}
