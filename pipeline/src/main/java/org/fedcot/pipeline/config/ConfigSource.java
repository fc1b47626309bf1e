package org.fedcot.pipeline.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A configuration as read, with where each field was written, so a later check can point at the line.
 *
 * @param config the configuration, defaults filled and paths absolute
 * @param file   the YAML file
 * @param lines  JSON pointer of each field written in the file ("/privacy/epsilon") to its line
 */
public record ConfigSource(RunConfig config, Path file, Map<String, Integer> lines) {
    public ConfigSource {
        lines = Map.copyOf(lines);
    }

    /**
     * An error about the field at {@code pointer}: "FILE line N: field a.b: problem" (no line when the field
     * came from a flag or a default).
     */
    public ConfigException error(String pointer, String problem) {
        return ConfigException.at(file, lines.get(pointer), pointer, problem);
    }
}
