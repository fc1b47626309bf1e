package org.fedcot.pipeline.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML run configuration (Jackson), applies {@code key.path=value} overrides from the command line,
 * makes the file's paths absolute (relative to the file's directory; an override's relative to the working
 * directory) and reports the first problem as one {@link ConfigException} line naming file, line and field.
 */
public final class ConfigReader {
    /** The fields that hold paths, as JSON pointers. */
    private static final List<String> PATHS = List.of("/runDir", "/task/train", "/task/test", "/slm/model",
            "/slm/tokenizer", "/privacy/embeddings", "/privacy/tokenizer");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigReader() {
    }

    /**
     * The configuration in {@code file} with {@code overrides} ({@code "train.steps" -> "10"}; values are read
     * as YAML scalars or lists) applied.
     *
     * @throws ConfigException when the file is missing or malformed, names an unknown field, or an override
     *                         names one
     */
    public static ConfigSource read(Path file, Map<String, String> overrides) {
        if (!Files.isRegularFile(file)) throw new ConfigException(file + ": no such config file");
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Integer> lines;
        JsonNode tree;
        try {
            lines = fieldLines(file);
            YAML.readValue(file.toFile(), RunConfig.class); // unknown fields and bad values, with their line
            tree = YAML.readTree(file.toFile());
        } catch (UnrecognizedPropertyException e) {
            // the parser's location is wherever it stopped reading; the field's own line is in the map
            String pointer = e.getPath().stream().map(r -> "/" + r.getFieldName()).reduce("", String::concat);
            Integer line = lines(file).get(pointer);
            throw new ConfigException(file + " line " + (line != null ? line : line(e.getLocation())) + ": unknown field '"
                    + e.getPropertyName() + "' in " + where(e) + " (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " line " + line(e.getLocation()) + ": " + e.getOriginalMessage()
                    .lines().findFirst().orElse("malformed"));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) tree = YAML.createObjectNode();
        if (!tree.isObject()) throw new ConfigException(file + ": the config must be a YAML mapping");
        ObjectNode root = (ObjectNode) tree;
        for (String pointer : PATHS) resolve(root, pointer, dir);
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String pointer = "/" + o.getKey().replace('.', '/');
            set(root, pointer, scalar(o.getKey(), o.getValue()));
            if (PATHS.contains(pointer)) resolve(root, pointer, Path.of("").toAbsolutePath());
            lines.remove(pointer);
        }
        try {
            return new ConfigSource(YAML.treeToValue(root, RunConfig.class), file, lines);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("--set: unknown field '" + e.getPropertyName() + "' in " + where(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException("--set: " + e.getOriginalMessage().lines().findFirst().orElse("bad value"));
        }
    }

    /** {@link #fieldLines}, or none when the file does not even parse. */
    private static Map<String, Integer> lines(Path file) {
        try {
            return fieldLines(file);
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Where each field of the file starts, by JSON pointer. */
    private static Map<String, Integer> fieldLines(Path file) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    lines.put(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    private static void resolve(ObjectNode root, String pointer, Path dir) {
        JsonNode v = root.at(pointer);
        if (v.isTextual() && !v.asText().isBlank()) set(root, pointer, root.textNode(dir.resolve(v.asText()).normalize().toString()));
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) child = node.putObject(parts[i]);
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static JsonNode scalar(String key, String value) {
        try {
            JsonNode v = YAML.readTree(value);
            return v == null ? YAML.getNodeFactory().nullNode() : v;
        } catch (JsonProcessingException e) {
            throw new ConfigException("--set " + key + "=" + value + ": not a YAML value");
        }
    }

    private static String where(UnrecognizedPropertyException e) {
        String path = e.getPath().stream().limit(Math.max(0, e.getPath().size() - 1))
                .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .reduce((a, b) -> a + "." + b).orElse("");
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
