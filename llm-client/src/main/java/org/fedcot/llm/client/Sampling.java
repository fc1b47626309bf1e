package org.fedcot.llm.client;

import java.util.List;

/**
 * The sampling parameters of a request. A {@code null} field is not sent, so the server's default applies;
 * every field sent is part of the cache key.
 *
 * @param temperature {@code temperature}, at least 0
 * @param maxTokens   {@code max_tokens}, at least 1
 * @param stop        {@code stop} strings; empty sends none
 * @param seed        {@code seed}, for servers that sample reproducibly
 * @param n           {@code n}, how many alternatives to generate, at least 1
 * @param topP        {@code top_p}, in (0, 1]
 */
public record Sampling(Double temperature, Integer maxTokens, List<String> stop, Long seed, Integer n, Double topP) {
    /** Sends no sampling parameter: the server decides. */
    public static final Sampling DEFAULT = new Sampling(null, null, List.of(), null, null, null);

    public Sampling {
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (temperature != null && !(temperature >= 0))
            throw new IllegalArgumentException("temperature " + temperature + " < 0");
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens " + maxTokens + " < 1");
        }
        if (n != null && n < 1) {
            throw new IllegalArgumentException("n " + n + " < 1");
        }
        if (topP != null && !(topP > 0 && topP <= 1))
            throw new IllegalArgumentException("top_p " + topP + " outside (0, 1]");
    }

    /** These parameters with {@code temperature} set. */
    public Sampling withTemperature(double temperature) {
        return new Sampling(temperature, maxTokens, stop, seed, n, topP);
    }

    /** These parameters with {@code max_tokens} set. */
    public Sampling withMaxTokens(int maxTokens) {
        return new Sampling(temperature, maxTokens, stop, seed, n, topP);
    }

    /** These parameters with the {@code stop} strings replaced. */
    public Sampling withStop(String... stop) {
        return new Sampling(temperature, maxTokens, List.of(stop), seed, n, topP);
    }

    /** These parameters with {@code seed} set. */
    public Sampling withSeed(long seed) {
        return new Sampling(temperature, maxTokens, stop, seed, n, topP);
    }

    /** These parameters with {@code n} set. */
    public Sampling withN(int n) {
        return new Sampling(temperature, maxTokens, stop, seed, n, topP);
    }

    /** These parameters with {@code top_p} set. */
    public Sampling withTopP(double topP) {
        return new Sampling(temperature, maxTokens, stop, seed, n, topP);
    }
}
