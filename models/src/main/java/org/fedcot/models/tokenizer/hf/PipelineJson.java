package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the steps around the model from tokenizer.json's {@code normalizer},
 * {@code pre_tokenizer}, {@code post_processor} and {@code decoder}, refusing what it cannot
 * reproduce exactly.
 */
final class PipelineJson {
    private PipelineJson() {}

    static TextNormalizer normalizer(JsonNode node, String where) throws FormatProblem {
        if (node == null || node.isNull()) {
            return TextNormalizer.NONE;
        }
        String type = Json.type(node, where);
        return switch (type) {
            case "NFC" -> TextNormalizer.unicode(Normalizer.Form.NFC);
            case "NFD" -> TextNormalizer.unicode(Normalizer.Form.NFD);
            case "NFKC" -> TextNormalizer.unicode(Normalizer.Form.NFKC);
            case "NFKD" -> TextNormalizer.unicode(Normalizer.Form.NFKD);
            case "Sequence" -> {
                TextNormalizer all = TextNormalizer.NONE;
                JsonNode steps = Json.array(node, "normalizers", where);
                for (int i = 0; i < steps.size(); i++) {
                    all = all.andThen(normalizer(steps.get(i), where + ".normalizers[" + i + "]"));
                }
                yield all;
            }
            default -> throw unsupported(where, type);
        };
    }

    /**
     * The pre-tokenizer, which must map bytes to characters exactly once (one ByteLevel step):
     * the model only understands byte-level characters.
     */
    static PreTokenizer preTokenizer(JsonNode node, String where) throws FormatProblem {
        if (node == null || node.isNull()) {
            throw new FormatProblem(where + " is missing; byte-level BPE needs a ByteLevel pre-tokenizer");
        }
        PreTokenizer pre = steps(node, where);
        int byteLevelSteps = byteLevelSteps(node);
        if (byteLevelSteps != 1) {
            throw new FormatProblem(
                    where + " has " + byteLevelSteps + " ByteLevel steps; byte-level BPE needs exactly one");
        }
        return pre;
    }

    private static PreTokenizer steps(JsonNode node, String where) throws FormatProblem {
        String type = Json.type(node, where);
        return switch (type) {
            case "ByteLevel" ->
                ByteLevelPreTokenizer.create(
                        Json.flag(node, "add_prefix_space", true, where), Json.flag(node, "use_regex", true, where));
            case "Split" -> split(node, where);
            case "Sequence" -> {
                JsonNode steps = Json.array(node, "pretokenizers", where);
                PreTokenizer all = (text, out) -> out.accept(text);
                for (int i = 0; i < steps.size(); i++) {
                    all = all.then(steps(steps.get(i), where + ".pretokenizers[" + i + "]"));
                }
                yield all;
            }
            default -> throw unsupported(where, type);
        };
    }

    /** ByteLevel steps in an already validated pre-tokenizer. */
    private static int byteLevelSteps(JsonNode node) {
        return switch (node.get("type").textValue()) {
            case "ByteLevel" -> 1;
            case "Sequence" -> {
                int count = 0;
                for (JsonNode step : node.get("pretokenizers")) {
                    count += byteLevelSteps(step);
                }
                yield count;
            }
            default -> 0;
        };
    }

    private static PreTokenizer split(JsonNode node, String where) throws FormatProblem {
        JsonNode pattern = Json.object(node, "pattern", where);
        String regex = Json.optionalText(pattern, "Regex", where + ".pattern");
        String literal = Json.optionalText(pattern, "String", where + ".pattern");
        if ((regex == null) == (literal == null)) {
            throw new FormatProblem(where + ".pattern must hold exactly one of 'Regex' and 'String'");
        }
        String behaviorName = Json.text(node, "behavior", where);
        SplitBehavior behavior = SplitBehavior.fromJson(behaviorName);
        if (behavior == null) {
            throw new FormatProblem(where + ".behavior '" + behaviorName + "' is not a split behaviour");
        }
        return new SplitPreTokenizer(
                regex != null ? OnigRegex.compile(regex) : Pattern.compile(Pattern.quote(literal)),
                behavior,
                Json.flag(node, "invert", false, where));
    }

    static SpecialTokenTemplate postProcessor(JsonNode node, String where) throws FormatProblem {
        if (node == null || node.isNull()) {
            return SpecialTokenTemplate.NONE;
        }
        String type = Json.type(node, where);
        return switch (type) {
            case "ByteLevel" -> SpecialTokenTemplate.NONE;
            case "TemplateProcessing" -> template(node, where);
            case "RobertaProcessing", "BertProcessing" ->
                new SpecialTokenTemplate(
                        new int[] {pairId(node, "cls", where)}, new int[] {pairId(node, "sep", where)});
            case "Sequence" -> {
                SpecialTokenTemplate all = SpecialTokenTemplate.NONE;
                JsonNode steps = Json.array(node, "processors", where);
                for (int i = 0; i < steps.size(); i++) {
                    all = all.within(postProcessor(steps.get(i), where + ".processors[" + i + "]"));
                }
                yield all;
            }
            default -> throw unsupported(where, type);
        };
    }

    /** The single-sequence template: the special tokens' ids before and after sequence A. */
    private static SpecialTokenTemplate template(JsonNode node, String where) throws FormatProblem {
        JsonNode single = Json.array(node, "single", where);
        JsonNode specials = Json.object(node, "special_tokens", where);
        List<Integer> prefix = new ArrayList<>();
        List<Integer> suffix = new ArrayList<>();
        boolean seenSequence = false;
        for (int i = 0; i < single.size(); i++) {
            String at = where + ".single[" + i + "]";
            JsonNode item = single.get(i);
            if (item.has("Sequence")) {
                String sequence = Json.text(item.get("Sequence"), "id", at + ".Sequence");
                if (!sequence.equals("A") || seenSequence) {
                    throw new FormatProblem(at + ": a single-sequence template may only hold sequence A, once");
                }
                seenSequence = true;
            } else if (item.has("SpecialToken")) {
                String name = Json.text(item.get("SpecialToken"), "id", at + ".SpecialToken");
                JsonNode ids = Json.array(
                        Json.object(specials, name, where + ".special_tokens"),
                        "ids",
                        where + ".special_tokens." + name);
                for (int k = 0; k < ids.size(); k++) {
                    int id = Json.id(ids.get(k), where + ".special_tokens." + name + ".ids[" + k + "]");
                    (seenSequence ? suffix : prefix).add(id);
                }
            } else {
                throw new FormatProblem(at + " is neither a Sequence nor a SpecialToken");
            }
        }
        if (!seenSequence) {
            throw new FormatProblem(where + ".single has no sequence A");
        }
        return new SpecialTokenTemplate(
                prefix.stream().mapToInt(Integer::intValue).toArray(),
                suffix.stream().mapToInt(Integer::intValue).toArray());
    }

    /** RobertaProcessing's {@code "cls": ["<s>", 0]}: the id half of the pair. */
    private static int pairId(JsonNode node, String field, String where) throws FormatProblem {
        JsonNode pair = Json.array(node, field, where);
        if (pair.size() != 2) {
            throw new FormatProblem(where + "." + field + " is not a [token, id] pair");
        }
        return Json.id(pair.get(1), where + "." + field + "[1]");
    }

    /** Checks the decoder is ByteLevel, the one decoder byte-level BPE decodes exactly with. */
    static void checkDecoder(JsonNode node, String where) throws FormatProblem {
        if (node == null || node.isNull()) {
            throw new FormatProblem(where + " is missing; byte-level BPE needs the ByteLevel decoder");
        }
        String type = Json.type(node, where);
        if (!type.equals("ByteLevel")) {
            throw unsupported(where, type);
        }
    }

    private static FormatProblem unsupported(String where, String type) {
        return new FormatProblem(where + " type '" + type + "' is not supported (byte-level BPE only)");
    }
}
