package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The BOS and EOS ids, which tokenizer.json does not name directly. In order: what
 * {@code tokenizer_config.json} beside it says (as HF's AutoTokenizer reads it, {@code null}
 * meaning none), else the post-processor template's single token before/after the text, else
 * {@code <|endoftext|>}, the GPT family's BOS and EOS.
 */
record BosEos(OptionalInt bos, OptionalInt eos) {
    static final String ENDOFTEXT = "<|endoftext|>";

    /**
     * @param config tokenizer_config.json's content, or null when there is none
     * @param idOf   a token's id, or null when the tokenizer does not know it
     */
    static BosEos resolve(JsonNode config, SpecialTokenTemplate template, Function<String, Integer> idOf)
            throws FormatProblem {
        return new BosEos(
                pick(config, "bos_token", template.prefix(), idOf), pick(config, "eos_token", template.suffix(), idOf));
    }

    private static OptionalInt pick(JsonNode config, String field, int[] templateIds, Function<String, Integer> idOf)
            throws FormatProblem {
        if (config != null && config.has(field)) {
            String token = configToken(config.get(field), field);
            if (token == null) {
                return OptionalInt.empty();
            }
            Integer id = idOf.apply(token);
            if (id == null) {
                throw new FormatProblem("tokenizer_config.json " + field + " '" + token + "' is not in the vocabulary");
            }
            return OptionalInt.of(id);
        }
        if (templateIds.length == 1) {
            return OptionalInt.of(templateIds[0]);
        }
        Integer endOfText = idOf.apply(ENDOFTEXT);
        return endOfText == null ? OptionalInt.empty() : OptionalInt.of(endOfText);
    }

    /** A config token: {@code "<s>"}, {@code {"content": "<s>", ...}} or {@code null}. */
    private static String configToken(JsonNode node, String field) throws FormatProblem {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isObject() && node.path("content").isTextual()) {
            return node.get("content").textValue();
        }
        throw new FormatProblem("tokenizer_config.json " + field + " is neither a token nor null");
    }
}
