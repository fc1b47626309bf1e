package org.fedcot.pipeline.method;

import java.util.Map;

/**
 * The rationales a method trains its task SLM on, with what they came from.
 *
 * @param sent     id to the question text the server saw (perturbed, or raw for Non-Private)
 * @param received id to the rationale the server gave for it
 * @param used     id to the rationale trained on (decoded, or {@code received} without decoding)
 */
public record Rationales(Map<String, String> sent, Map<String, String> received, Map<String, String> used) {
    public Rationales {
        sent = Map.copyOf(sent);
        received = Map.copyOf(received);
        used = Map.copyOf(used);
    }
}
