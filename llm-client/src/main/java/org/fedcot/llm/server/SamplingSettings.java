package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.generate.SamplingParams;

/**
 * The generation fields both endpoints share, read and checked: max_tokens, temperature, top_p, top_k
 * (an extension vLLM also takes), seed, n, stop, stream and stream_options.include_usage.
 *
 * @param maxTokens    the most new tokens asked for, or null for the endpoint's default
 * @param params       temperature, top-k and top-p (OpenAI's defaults: 1, off, 1)
 * @param seed         seed of choice 0; choice i draws with seed + i (a random seed when none was given)
 * @param n            choices per prompt
 * @param stops        stop strings, cut from the text with what follows
 * @param stream       answer as server-sent events
 * @param includeUsage end a stream with a chunk carrying the usage
 */
record SamplingSettings(
        Integer maxTokens,
        SamplingParams params,
        long seed,
        int n,
        List<String> stops,
        boolean stream,
        boolean includeUsage) {
    private static final int MAX_CHOICES = 128;

    /** Reads the fields of {@code body}; chat also accepts max_completion_tokens for max_tokens. */
    static SamplingSettings from(RequestBody body, boolean chat) {
        String maxField = chat && body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        Long max = body.integer(maxField, 1, Integer.MAX_VALUE, null);
        double temperature = body.number("temperature", 0, Double.MAX_VALUE, 1);
        double topP = body.number("top_p", 0, 1, 1);
        if (topP == 0) {
            throw ApiException.badRequest("top_p", "'top_p' must be greater than 0.");
        }
        int topK = (int) (long) body.integer("top_k", -1, Integer.MAX_VALUE, 0L); // vLLM's -1 means off, as 0 does
        Long seed = body.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, null);
        int n = (int) (long) body.integer("n", 1, MAX_CHOICES, 1L);
        boolean stream = body.bool("stream", false);
        ObjectNode options = body.object("stream_options");
        boolean includeUsage = options != null && options.path("include_usage").asBoolean(false);
        return new SamplingSettings(
                max == null ? null : (int) (long) max,
                new SamplingParams(temperature, Math.max(topK, 0), topP),
                seed != null ? seed : ThreadLocalRandom.current().nextLong(),
                n,
                stops(body),
                stream,
                includeUsage);
    }

    /** A sampler for choice {@code choice} of a prompt. */
    Sampler sampler(int choice) {
        return new Sampler(params, seed + choice);
    }

    /** stop: absent, a string, or a list of strings, none empty. */
    private static List<String> stops(RequestBody body) {
        JsonNode v = body.get("stop");
        List<String> stops = new ArrayList<>();
        if (v == null) {
            return stops;
        }
        if (v.isTextual()) {
            stops.add(v.asText());
        } else if (v.isArray()) {
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    throw ApiException.badRequest("stop", "'stop' must be a string or a list of strings.");
                }
                stops.add(s.asText());
            }
        } else {
            throw ApiException.badRequest("stop", "'stop' must be a string or a list of strings.");
        }
        if (stops.stream().anyMatch(String::isEmpty)) {
            throw ApiException.badRequest("stop", "'stop' strings must not be empty.");
        }
        return stops;
    }
}
