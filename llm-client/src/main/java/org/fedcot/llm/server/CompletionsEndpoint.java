package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * POST /v1/completions: the prompt as OpenAI takes it (a string, a list of strings, a list of token
 * ids, or a list of such lists), each string encoded with the tokenizer's special tokens, token ids
 * used as given.
 */
final class CompletionsEndpoint {
    private static final String PROMPT = "prompt";

    private CompletionsEndpoint() {}

    /** The run {@code body} asks for; the model field has been checked. */
    static CompletionRun plan(RequestBody body, ServedModel model, ObjectMapper mapper) {
        UnsupportedFields.check(body, false);
        List<int[]> prompts = prompts(body.get(PROMPT), model);
        SamplingSettings settings = SamplingSettings.from(body, false);
        return CompletionRun.plan(
                model, prompts, settings, ResponseShape.COMPLETION, CompletionRun.COMPLETIONS_DEFAULT_MAX, mapper);
    }

    private static List<int[]> prompts(JsonNode prompt, ServedModel model) {
        if (prompt == null) {
            throw ApiException.badRequest(PROMPT, "Missing required parameter: 'prompt'.");
        }
        List<int[]> prompts = new ArrayList<>();
        if (prompt.isTextual()) {
            prompts.add(model.completionPrompt(prompt.asText()));
        } else if (prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isIntegralNumber()) {
            prompts.add(tokenIds(prompt, model));
        } else if (prompt.isArray() && !prompt.isEmpty()) {
            for (JsonNode p : prompt) {
                if (p.isTextual()) {
                    prompts.add(model.completionPrompt(p.asText()));
                } else if (p.isArray() && !p.isEmpty()) {
                    prompts.add(tokenIds(p, model));
                } else {
                    throw invalid();
                }
            }
        } else {
            throw invalid();
        }
        return prompts;
    }

    private static int[] tokenIds(JsonNode ids, ServedModel model) {
        int vocab = model.model().config().vocabSize();
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode id = ids.get(i);
            if (!id.isIntegralNumber() || id.asLong() < 0 || id.asLong() >= vocab) {
                throw ApiException.badRequest(PROMPT, "Token ids in 'prompt' must be integers in [0, " + vocab + ").");
            }
            out[i] = id.asInt();
        }
        return out;
    }

    private static ApiException invalid() {
        return ApiException.badRequest(
                PROMPT,
                "'prompt' must be a string, a list of strings, a list of token ids,"
                        + " or a list of lists of token ids, none empty.");
    }
}
