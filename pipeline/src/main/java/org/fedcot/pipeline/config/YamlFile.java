package org.fedcot.pipeline.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fedcot.models.io.TextFiles;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML config file as a tree, with the line of each field, read under limits that make a mistaken or
 * hostile file cheap to refuse: at most {@link #MAX_BYTES} in lines of at most {@link #MAX_LINE}, checked
 * before parsing (a 50 MB file takes SnakeYAML to gigabytes and minutes), each key once per mapping (SnakeYAML would let the last one win),
 * no aliases.
 *
 * @param tree  the file's content (an empty file is an empty mapping)
 * @param lines JSON pointer of each field ("/privacy/epsilon") to the line it starts on
 */
record YamlFile(JsonNode tree, Map<String, Integer> lines) {
    /** The largest config file read; real ones are a few KiB. */
    static final int MAX_BYTES = 1 << 20;
    /**
     * The longest line read (a path is at most 4096 bytes on Linux): SnakeYAML's time grows with the square of
     * a line's length (one 1 MiB line takes it about 10 s), so long lines are refused before parsing too.
     */
    static final int MAX_LINE = 1 << 12;

    /**
     * The mapper of configs and of {@code --set} values: duplicate keys refused (Jackson turns SnakeYAML's
     * option into strict duplicate detection), as many code points as {@link #MAX_BYTES} allows (the cap of
     * a {@code --set} value, which is parsed but not a file), and values bound strictly: 2.5 steps or
     * "3" steps is a mistake to report, not a 2 or a 3 to run with. Jackson does not expand YAML aliases (it
     * reads one as its anchor's name, so an alias bomb cannot grow the tree), and {@link #read} refuses them.
     */
    static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        LoaderOptions limits = new LoaderOptions();
        limits.setAllowDuplicateKeys(false);
        limits.setCodePointLimit(MAX_BYTES);
        return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(limits).build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException naming the file (and the line) when it is too large, malformed or repeats a key
     */
    static YamlFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(file + ": " + size + " bytes, more than the " + MAX_BYTES
                        + " a run config may have; is this the right file?");
            }
            byte[] yaml = TextFiles.read(file).getBytes(StandardCharsets.UTF_8);
            checkLines(file, yaml);
            Map<String, Integer> lines = fieldLines(file, yaml);
            JsonNode tree = MAPPER.readTree(yaml);
            return new YamlFile(
                    tree == null || tree.isMissingNode() || tree.isNull() ? MAPPER.createObjectNode() : tree, lines);
        } catch (StreamReadException e) {
            throw new ConfigException(
                    file + " line " + line(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            String message = e.getMessage();
            throw new ConfigException(message.startsWith(file.toString()) ? message : file + ": " + message);
        }
    }

    /**
     * Where each field of the file starts, by JSON pointer; a repeated key is reported with both lines, and
     * an alias, which Jackson would silently read as the text of its anchor's name.
     */
    private static Map<String, Integer> fieldLines(Path file, byte[] yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (YAMLParser p = (YAMLParser) MAPPER.getFactory().createParser(yaml)) {
            try {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.FIELD_NAME) {
                        lines.put(
                                p.getParsingContext().pathAsPointer().toString(),
                                p.currentTokenLocation().getLineNr());
                    } else if (p.isCurrentAlias()) {
                        throw ConfigException.at(
                                file,
                                p.currentTokenLocation().getLineNr(),
                                p.getParsingContext().pathAsPointer().toString(),
                                "*" + p.getText()
                                        + ": YAML aliases are not supported in a run config; write the value out");
                    }
                }
            } catch (StreamReadException e) {
                // the duplicate is the context's current name when the detector throws; Jackson has no own type for it
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (e.getOriginalMessage().startsWith("Duplicate field") && lines.containsKey(pointer)) {
                    throw ConfigException.at(
                            file,
                            line(e.getLocation()),
                            pointer,
                            "given twice (first on line " + lines.get(pointer)
                                    + "); a key may appear once in a mapping");
                }
                throw e;
            }
        }
        return lines;
    }

    /** Throws at the first line of more than {@link #MAX_LINE} bytes. */
    private static void checkLines(Path file, byte[] yaml) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= yaml.length; i++) {
            if (i == yaml.length || yaml[i] == '\n') {
                if (i - start > MAX_LINE) {
                    throw new ConfigException(file + " line " + line + ": " + (i - start) + " bytes, more than the "
                            + MAX_LINE + " a line of a run config may have");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    /** The first line of a parser's message (they go on with excerpts of the input). */
    static String firstLine(String message) {
        return message == null ? "malformed" : message.lines().findFirst().orElse("malformed");
    }
}
