package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trained byte-level BPE as the JSON Hugging Face's {@code tokenizers} writes and reads:
 * GPT-2's ByteLevel pre-tokenizer, post-processor and decoder, no normalizer, and merges as
 * {@code "a b"} strings, the form every HF version reads (byte-level tokens hold no spaces).
 */
final class TokenizerJsonWriter {
    private TokenizerJsonWriter() {}

    static ObjectNode toTree(TrainedBpe trained) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < trained.specialTokens().size(); id++) {
            added.addObject()
                    .put("id", id)
                    .put("content", trained.specialTokens().get(id))
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false, true));
        root.set("post_processor", byteLevel(true, false));
        root.set("decoder", byteLevel(true, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < trained.vocab().size(); id++) {
            vocab.put(trained.vocab().get(id), id);
        }
        ArrayNode merges = model.putArray("merges");
        trained.merges().forEach(m -> merges.add(m.left() + " " + m.right()));
        return root;
    }

    /** HF's ByteLevel component; all three fields are written because HF requires them. */
    private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", addPrefixSpace);
        node.put("trim_offsets", trimOffsets);
        node.put("use_regex", true);
        return node;
    }
}
