package org.fedcot.pipeline.config;

import java.nio.file.Path;

/** A run configuration that cannot be run; the message is one line naming the file, the line and the field. */
public final class ConfigException extends RuntimeException {
    /** A problem described by {@code message}. */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * A problem of the field at {@code pointer} ("/train/steps") of {@code file}: "FILE line N: train.steps:
     * problem", without the line when {@code line} is null (the field came from a flag or a default).
     */
    public static ConfigException at(Path file, Integer line, String pointer, String problem) {
        return new ConfigException(file + (line == null ? "" : " line " + line) + ": " + field(pointer) + problem);
    }

    /** "train.steps: " for the field at "/train/steps"; nothing for the whole config (""). */
    static String field(String pointer) {
        return pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ": ";
    }
}
