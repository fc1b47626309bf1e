package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Builds the {@link BpeModel} from tokenizer.json's {@code model}, refusing non-BPE models. */
final class ModelJson {
    private ModelJson() {}

    static BpeModel read(JsonNode model, String where) throws FormatProblem {
        // Old files leave the type out; HF then recognises BPE by its fields.
        String type = model.has("type") ? Json.text(model, "type", where) : "BPE";
        if (!type.equals("BPE")) {
            throw new FormatProblem(where + " type '" + type + "' is not supported (byte-level BPE only)");
        }
        refuseUnless(
                model,
                "dropout",
                node -> node.isNumber() && node.doubleValue() == 0,
                where,
                "BPE dropout makes encoding random");
        refuseUnless(
                model,
                "continuing_subword_prefix",
                node -> node.isTextual() && node.textValue().isEmpty(),
                where,
                "subword prefixes are not byte-level BPE");
        refuseUnless(
                model,
                "end_of_word_suffix",
                node -> node.isTextual() && node.textValue().isEmpty(),
                where,
                "word suffixes are not byte-level BPE");
        if (Json.flag(model, "byte_fallback", false, where)) {
            throw new FormatProblem(where + ".byte_fallback is not supported (byte-level BPE needs no fallback)");
        }
        Map<String, Integer> vocab = vocab(Json.object(model, "vocab", where), where + ".vocab");
        JsonNode mergesNode = Json.array(model, "merges", where);
        List<String[]> merges = new ArrayList<>(mergesNode.size());
        for (int i = 0; i < mergesNode.size(); i++) {
            merges.add(merge(mergesNode.get(i), where + ".merges[" + i + "]"));
        }
        return new BpeModel(
                vocab,
                merges,
                new BpeModel.Options(
                        Json.optionalText(model, "unk_token", where),
                        Json.flag(model, "fuse_unk", false, where),
                        Json.flag(model, "ignore_merges", false, where)));
    }

    /** A token-to-id object ({@code model.vocab}, GPT-2's encoder.json); ids must be distinct. */
    static Map<String, Integer> vocab(JsonNode node, String where) throws FormatProblem {
        Map<String, Integer> vocab = HashMap.newHashMap(node.size());
        Map<Integer, String> byId = HashMap.newHashMap(node.size());
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            int id = Json.id(entry.getValue(), where + "['" + entry.getKey() + "']");
            String previous = byId.putIfAbsent(id, entry.getKey());
            if (previous != null) {
                throw new FormatProblem(
                        where + ": id " + id + " is given to both '" + previous + "' and '" + entry.getKey() + "'");
            }
            vocab.put(entry.getKey(), id);
        }
        return vocab;
    }

    /** A merge written as {@code "a b"} (older files, vocab.bpe) or as {@code ["a", "b"]}. */
    static String[] merge(JsonNode node, String where) throws FormatProblem {
        if (node.isTextual()) {
            return merge(node.textValue(), where);
        }
        if (node.isArray()
                && node.size() == 2
                && node.get(0).isTextual()
                && node.get(1).isTextual()) {
            return new String[] {node.get(0).textValue(), node.get(1).textValue()};
        }
        throw new FormatProblem(where + " is neither \"a b\" nor [\"a\", \"b\"]");
    }

    static String[] merge(String line, String where) throws FormatProblem {
        int space = line.indexOf(' ');
        if (space <= 0 || space == line.length() - 1) {
            throw new FormatProblem(where + " '" + line + "' is not a pair \"a b\"");
        }
        return new String[] {line.substring(0, space), line.substring(space + 1)};
    }

    /** Refuses a field that is present, not null and not what {@code harmless} accepts. */
    private static void refuseUnless(
            JsonNode model, String field, Predicate<JsonNode> harmless, String where, String why) throws FormatProblem {
        JsonNode value = model.get(field);
        if (value != null && !value.isNull() && !harmless.test(value)) {
            throw new FormatProblem(where + "." + field + " = " + value + " is not supported (" + why + ")");
        }
    }
}
