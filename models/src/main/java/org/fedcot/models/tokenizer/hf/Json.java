package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fedcot.models.tokenizer.TokenizerException;

/**
 * Reads tokenizer JSON files, and their required and optional fields, saying where the problem is
 * ({@code "model.merges[3]"}) when a field is missing or of the wrong kind.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** The JSON in {@code file}; a missing, unreadable, empty or malformed file is named in the error. */
    static JsonNode parse(Path file) throws TokenizerException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new TokenizerException(
                    file, "is not valid JSON (truncated or corrupt): " + e.getOriginalMessage() + at, e);
        } catch (NoSuchFileException e) {
            throw new TokenizerException(file, "does not exist", e);
        } catch (IOException e) {
            throw new TokenizerException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new TokenizerException(file, "is empty");
        }
        return root;
    }

    /** {@code node.field}, which must be a JSON object. */
    static JsonNode object(JsonNode node, String field, String where) throws FormatProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new FormatProblem(where + " has no '" + field + "'");
        }
        if (!value.isObject()) {
            throw new FormatProblem(where + "." + field + " is not an object");
        }
        return value;
    }

    /** {@code node.field}, which must be a JSON array. */
    static JsonNode array(JsonNode node, String field, String where) throws FormatProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new FormatProblem(where + " has no '" + field + "'");
        }
        if (!value.isArray()) {
            throw new FormatProblem(where + "." + field + " is not an array");
        }
        return value;
    }

    /** {@code node.field}, which must be a string. */
    static String text(JsonNode node, String field, String where) throws FormatProblem {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new FormatProblem(where + "." + field + " is missing or not a string");
        }
        return value.textValue();
    }

    /** {@code node.field} as a string, or null when absent or null. */
    static String optionalText(JsonNode node, String field, String where) throws FormatProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new FormatProblem(where + "." + field + " is not a string");
        }
        return value.textValue();
    }

    /** {@code node.field} as a boolean, {@code absent} when missing or null. */
    static boolean flag(JsonNode node, String field, boolean absent, String where) throws FormatProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new FormatProblem(where + "." + field + " is not true or false");
        }
        return value.booleanValue();
    }

    /** {@code node}, which must be a non-negative int: a token id. */
    static int id(JsonNode node, String where) throws FormatProblem {
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
            throw new FormatProblem(where + " is not a token id (a non-negative integer)");
        }
        return node.intValue();
    }

    /** The {@code type} of a component object. */
    static String type(JsonNode node, String where) throws FormatProblem {
        if (!node.isObject()) {
            throw new FormatProblem(where + " is not an object");
        }
        return text(node, "type", where);
    }
}
