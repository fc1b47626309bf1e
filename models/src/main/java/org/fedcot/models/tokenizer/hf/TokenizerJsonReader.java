package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.models.tokenizer.TokenizerException;

/** Reads a Hugging Face {@code tokenizer.json} (and the {@code tokenizer_config.json} beside it). */
final class TokenizerJsonReader {
    /** Where HF keeps the BOS/EOS names, next to tokenizer.json. */
    static final String CONFIG_FILE = "tokenizer_config.json";

    private TokenizerJsonReader() {}

    static HfTokenizer read(Path file) throws TokenizerException {
        JsonNode root = Json.parse(file);
        Path configFile = file.resolveSibling(CONFIG_FILE);
        JsonNode config = Files.isRegularFile(configFile) ? Json.parse(configFile) : null;
        try {
            return fromTree(root, config);
        } catch (FormatProblem p) {
            throw new TokenizerException(file, p.getMessage());
        }
    }

    /** The tokenizer a parsed tokenizer.json describes; {@code config} may be null. */
    static HfTokenizer fromTree(JsonNode root, JsonNode config) throws FormatProblem {
        if (!root.isObject()) {
            throw new FormatProblem("is not a JSON object");
        }
        // HF applies these inside encode (cutting or padding the ids); nothing here would.
        for (String field : List.of("truncation", "padding")) {
            if (root.hasNonNull(field)) {
                throw new FormatProblem(field + " is set, which is not supported (it changes encode's output)");
            }
        }
        BpeModel model = ModelJson.read(Json.object(root, "model", "file"), "model");
        TextNormalizer normalizer = PipelineJson.normalizer(root.get("normalizer"), "normalizer");
        PreTokenizer preTokenizer = PipelineJson.preTokenizer(root.get("pre_tokenizer"), "pre_tokenizer");
        SpecialTokenTemplate template = PipelineJson.postProcessor(root.get("post_processor"), "post_processor");
        PipelineJson.checkDecoder(root.get("decoder"), "decoder");
        return new HfTokenizer(
                model, addedTokens(root.get("added_tokens")), normalizer, preTokenizer, template, config);
    }

    private static List<AddedToken> addedTokens(JsonNode node) throws FormatProblem {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new FormatProblem("added_tokens is not an array");
        }
        List<AddedToken> tokens = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String where = "added_tokens[" + i + "]";
            JsonNode t = node.get(i);
            if (!t.isObject()) {
                throw new FormatProblem(where + " is not an object");
            }
            boolean special = Json.flag(t, "special", false, where);
            tokens.add(new AddedToken(
                    Json.id(t.get("id"), where + ".id"),
                    Json.text(t, "content", where),
                    special,
                    Json.flag(t, "normalized", !special, where),
                    Json.flag(t, "lstrip", false, where),
                    Json.flag(t, "rstrip", false, where),
                    Json.flag(t, "single_word", false, where)));
        }
        return tokens;
    }
}
