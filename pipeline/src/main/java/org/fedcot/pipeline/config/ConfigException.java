package org.fedcot.pipeline.config;

/** A run configuration that cannot be run; the message is one line naming the file, the line and the field. */
public final class ConfigException extends RuntimeException {
    /** A problem described by {@code message}. */
    public ConfigException(String message) {
        super(message);
    }
}
