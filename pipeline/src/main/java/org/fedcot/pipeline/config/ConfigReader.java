package org.fedcot.pipeline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML run configuration (Jackson), applies {@code key.path=value} overrides from the command line,
 * makes the file's paths absolute (relative to the file's directory; an override's relative to the working
 * directory) and reports the first problem as one {@link ConfigException} line naming the file, line and field,
 * or the {@code --set} flag that brought it.
 */
public final class ConfigReader {
    /** The fields that hold paths, as JSON pointers. */
    private static final List<String> PATHS = List.of(
            "/runDir",
            "/task/train",
            "/task/test",
            "/slm/model",
            "/slm/tokenizer",
            "/privacy/embeddings",
            "/privacy/tokenizer");
    /** The longest value shown in an error. */
    private static final int SHOWN = 40;

    private ConfigReader() {}

    /**
     * The configuration in {@code file} with {@code overrides} ({@code "train.steps" -> "10"}; values are read
     * as YAML scalars or lists) applied.
     *
     * @throws ConfigException when the file is missing, too large or malformed, repeats a key, or it or an
     *                         override names an unknown field or gives a value of the wrong type
     */
    public static ConfigSource read(Path file, Map<String, String> overrides) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a directory, expected a YAML config file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such config file");
        }
        YamlFile yaml = YamlFile.read(file);
        if (!yaml.tree().isObject()) {
            throw new ConfigException(file + ": the config must be a YAML mapping");
        }
        ObjectNode root = (ObjectNode) yaml.tree();
        Map<String, Integer> lines = new HashMap<>(yaml.lines());
        for (String pointer : PATHS)
            resolve(root, pointer, file.toAbsolutePath().getParent());
        Map<String, String> flags = new HashMap<>();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String pointer = "/" + o.getKey().replace('.', '/');
            set(root, pointer, scalar(o.getKey(), o.getValue()));
            if (PATHS.contains(pointer)) {
                resolve(root, pointer, Path.of("").toAbsolutePath());
            }
            lines.remove(pointer);
            flags.put(pointer, o.getKey() + "=" + o.getValue());
        }
        return bind(root, file, lines, flags);
    }

    /** {@code root} as a RunConfig; a field of the wrong type is blamed on its line or on its --set flag. */
    private static ConfigSource bind(
            ObjectNode root, Path file, Map<String, Integer> lines, Map<String, String> flags) {
        String empty = emptyItem(root, "");
        if (empty != null) {
            throw problem(file, lines, flags, empty, "an empty list item");
        }
        try {
            return new ConfigSource(YamlFile.MAPPER.treeToValue(root, RunConfig.class), file, lines);
        } catch (UnrecognizedPropertyException e) {
            String unknown = "unknown field '" + e.getPropertyName() + "' in " + where(e);
            if (flag(flags, pointer(e)) != null) {
                throw new ConfigException("--set: " + unknown);
            }
            Integer line = line(lines, pointer(e));
            throw new ConfigException(file + (line == null ? "" : " line " + line) + ": " + unknown + " (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            String pointer = pointer(e);
            throw problem(
                    file,
                    lines,
                    flags,
                    pointer,
                    e instanceof MismatchedInputException m && m.getTargetType() != null
                            ? "must be " + kind(m.getTargetType()) + ", got " + shown(root.at(pointer))
                            : YamlFile.firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + YamlFile.firstLine(e.getOriginalMessage()));
        }
    }

    /** A problem of the field at {@code pointer}, blamed on the --set flag that gave it or on its line. */
    private static ConfigException problem(
            Path file, Map<String, Integer> lines, Map<String, String> flags, String pointer, String problem) {
        String flag = flag(flags, pointer);
        if (flag != null) {
            return new ConfigException("--set " + flag + ": " + ConfigException.field(pointer) + problem);
        }
        return ConfigException.at(file, line(lines, pointer), pointer, problem);
    }

    /**
     * The pointer of the first null item of a list under {@code node} (at {@code pointer}), or null: the
     * settings copy their lists, which do not take nulls.
     */
    private static String emptyItem(JsonNode node, String pointer) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull()) {
                    return pointer + "/" + i;
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String found = emptyItem(field.getValue(), pointer + "/" + field.getKey());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The override ("key=value") that set the field at {@code pointer} or a field around or inside it; null if none. */
    private static String flag(Map<String, String> flags, String pointer) {
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String set = f.getKey();
            if (set.equals(pointer) || set.startsWith(pointer + "/") || pointer.startsWith(set + "/"))
                return f.getValue();
        }
        return null;
    }

    /** The line of the field at {@code pointer}, or of the nearest field around it (a list's for its items). */
    private static Integer line(Map<String, Integer> lines, String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            if (lines.containsKey(p)) {
                return lines.get(p);
            }
        }
        return null;
    }

    /** The JSON pointer of the field a binding error is about. */
    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            pointer.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
        }
        return pointer.toString();
    }

    /** What a value of {@code type} looks like, for "must be ...". */
    private static String kind(Class<?> type) {
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a mapping of fields";
        }
        return "a " + type.getSimpleName();
    }

    /** {@code value} as an error shows it: short, quoted when it is text. */
    private static String shown(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.asText();
        if (text.length() > SHOWN) {
            text = text.substring(0, SHOWN) + "...";
        }
        return value.isTextual() ? "'" + text + "'" : text;
    }

    private static void resolve(ObjectNode root, String pointer, Path dir) {
        JsonNode v = root.at(pointer);
        if (v.isTextual() && !v.asText().isBlank())
            set(root, pointer, root.textNode(dir.resolve(v.asText()).normalize().toString()));
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static JsonNode scalar(String key, String value) {
        try {
            JsonNode v = YamlFile.MAPPER.readTree(value);
            return v == null || v.isMissingNode()
                    ? YamlFile.MAPPER.getNodeFactory().nullNode()
                    : v;
        } catch (JsonProcessingException e) {
            throw new ConfigException("--set " + key + "=" + value + ": not a YAML value");
        }
    }

    private static String where(UnrecognizedPropertyException e) {
        String path = e.getPath().stream()
                .limit(Math.max(0, e.getPath().size() - 1))
                .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .reduce((a, b) -> a + "." + b)
                .orElse("");
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }
}
