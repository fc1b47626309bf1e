package org.fedcot.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One record of a JSON-lines file or one element of a JSON list, with where it came from, and typed
 * access to its fields that rejects what is missing or of the wrong type with a one-line error.
 * Fields are named by dotted paths ("choices.label", "target_new.str").
 *
 * @param file    the file holding the record
 * @param line    1-based line the record starts on
 * @param element 0-based position in a JSON list, or -1 for a line of a JSON-lines file
 * @param node    the record
 */
public record JsonRecord(Path file, int line, int element, JsonNode node) {

    /** Where the record is, as error messages print it: "file:line", plus the element of a JSON list. */
    public String where() {
        return file + ":" + line + (element < 0 ? "" : ": element " + element);
    }

    /**
     * The id a record without one gets, unique within its file: "dev.jsonl:12" (file name and line) for a
     * JSON-lines record, "train.json[0]" (file name and position) for an element of a JSON list.
     */
    public String defaultId() {
        return file.getFileName() + (element < 0 ? ":" + line : "[" + element + "]");
    }

    /** An error about {@code field} of this record ({@code null} for the record as a whole). */
    public MalformedDataException malformed(String field, String problem) {
        return new MalformedDataException(file, line, where(), field, problem);
    }

    /** Whether the record is an object holding {@code path}. */
    public boolean has(String path) {
        JsonNode n = node;
        for (String name : path.split("\\.")) {
            if (!n.isObject() || !n.has(name)) {
                return false;
            }
            n = n.get(name);
        }
        return true;
    }

    /** The non-blank string at {@code path}. */
    public String text(String path) throws MalformedDataException {
        String s = stringValue(path, at(path));
        if (s.isBlank()) {
            throw malformed(path, "is empty");
        }
        return s;
    }

    /** The string at {@code path} when the record has one (blank counts as absent). */
    public Optional<String> optionalText(String path) throws MalformedDataException {
        if (!has(path) || at(path).isNull()) {
            return Optional.empty();
        }
        String s = stringValue(path, at(path));
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** The JSON boolean at {@code path}. */
    public boolean bool(String path) throws MalformedDataException {
        JsonNode n = at(path);
        if (!n.isBoolean()) {
            throw wrongType(path, "a boolean", n);
        }
        return n.booleanValue();
    }

    /** The string "true" or "false" (any case) at {@code path}, as exports that spell booleans out write them. */
    public boolean truthText(String path) throws MalformedDataException {
        String raw = text(path);
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false"))
            throw malformed(path, "must be \"true\" or \"false\", found \"" + raw + "\"");
        return s.equals("true");
    }

    /** The list of strings at {@code path}. */
    public List<String> textList(String path) throws MalformedDataException {
        JsonNode n = at(path);
        if (!n.isArray()) {
            throw wrongType(path, "a list of strings", n);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw wrongType(path, "a list of strings", item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** The record itself as a string (an element of a rationale list). */
    public String asText() throws MalformedDataException {
        if (!node.isTextual()) {
            throw malformed(null, "must be a JSON string, found " + typeName(node));
        }
        return node.textValue();
    }

    private JsonNode at(String path) throws MalformedDataException {
        if (!node.isObject()) {
            throw malformed(null, "must be a JSON object, found " + typeName(node));
        }
        JsonNode n = node;
        String seen = "";
        for (String name : path.split("\\.")) {
            if (!seen.isEmpty() && !n.isObject()) {
                throw wrongType(seen, "an object", n);
            }
            seen = seen.isEmpty() ? name : seen + "." + name;
            if (!n.has(name)) {
                throw malformed(path, "is missing");
            }
            n = n.get(name);
        }
        return n;
    }

    private String stringValue(String path, JsonNode n) throws MalformedDataException {
        if (!n.isTextual()) {
            throw wrongType(path, "a string", n);
        }
        return n.textValue();
    }

    private MalformedDataException wrongType(String path, String expected, JsonNode found) {
        return malformed(path, "must be " + expected + ", found " + typeName(found));
    }

    /** The JSON type of {@code n} as messages name it: "string", "object", ... */
    static String typeName(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
