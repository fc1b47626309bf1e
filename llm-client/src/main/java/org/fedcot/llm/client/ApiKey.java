package org.fedcot.llm.client;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API key, read from the environment and kept out of every string this client makes: its
 * {@code toString} hides it and {@link #redact} removes it from server text quoted in errors.
 */
final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * The key in environment variable {@code name} (looked up with {@code environment}), empty when {@code name}
     * is {@code null}; an error naming the variable (never a value) when it is unset or blank.
     */
    static Optional<ApiKey> fromEnvironment(String name, UnaryOperator<String> environment) {
        if (name == null) {
            return Optional.empty();
        }
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " (the API key) is not set");
        }
        return Optional.of(new ApiKey(value.strip()));
    }

    /** The Authorization header's value. */
    String bearer() {
        return "Bearer " + value;
    }

    /** {@code text} with every occurrence of the key replaced by "***" (servers echo rejected keys). */
    String redact(String text) {
        return text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
