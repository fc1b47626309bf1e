package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.TokenizerException;

/**
 * A Hugging Face byte-level BPE tokenizer (GPT-2, GPT-NeoX, Qwen2/3 and files built the same way)
 * that encodes and decodes exactly as the Rust {@code tokenizers} library does. Immutable and
 * thread-safe.
 *
 * <p>Encoding: added tokens (special or not) are cut out of the raw text first, longest match
 * first; the rest is normalized, pre-tokenized into words of byte-level characters and merged by
 * BPE rank. {@code addSpecial} applies the post-processor's template (BOS/EOS). Decoding maps the
 * tokens' characters back to bytes and reads them as UTF-8, each invalid sequence becoming U+FFFD
 * as in HF; nothing else is cleaned up, so {@code decode(encode(text, false))} is {@code text}
 * (after the tokenizer's normalizer, NFC for NeoX and Qwen).
 *
 * <p>Ids run from 0 to {@link #vocabSize()}-1, added tokens included.
 */
public final class HfTokenizer implements Tokenizer {
    private final BpeModel model;
    private final AddedVocabulary addedVocabulary;
    private final PreTokenizer preTokenizer;
    private final SpecialTokenTemplate template;
    private final Map<String, Integer> addedIds = new HashMap<>();
    private final String[] tokens;
    private final OptionalInt bos;
    private final OptionalInt eos;

    HfTokenizer(
            BpeModel model,
            List<AddedToken> addedTokens,
            TextNormalizer normalizer,
            PreTokenizer preTokenizer,
            SpecialTokenTemplate template,
            JsonNode config)
            throws FormatProblem {
        this.model = model;
        this.addedVocabulary = new AddedVocabulary(addedTokens, normalizer);
        this.preTokenizer = preTokenizer;
        this.template = template;
        String[] modelTokens = model.tokens();
        int size = Math.max(
                modelTokens.length,
                addedTokens.stream().mapToInt(t -> t.id() + 1).max().orElse(0));
        this.tokens = Arrays.copyOf(modelTokens, size);
        for (AddedToken token : addedTokens) {
            tokens[token.id()] = token.content();
            addedIds.put(token.content(), token.id());
        }
        for (int id : template.apply(new int[0])) {
            if (id >= size || tokens[id] == null) {
                throw new FormatProblem("post_processor adds id " + id + ", which no token has");
            }
        }
        BosEos specials = BosEos.resolve(config, template, this::idOf);
        this.bos = specials.bos();
        this.eos = specials.eos();
    }

    /**
     * Loads a {@code tokenizer.json}; BOS/EOS come from a {@code tokenizer_config.json} beside it
     * when there is one, else from the post-processor template, else {@code <|endoftext|>}.
     *
     * @throws TokenizerException naming the file and the problem when it cannot be read, is not
     *                            valid JSON, or uses something other than byte-level BPE
     */
    public static HfTokenizer load(Path tokenizerJson) throws TokenizerException {
        return TokenizerJsonReader.read(tokenizerJson);
    }

    /**
     * Loads OpenAI's GPT-2 files as HF's GPT2TokenizerFast does: {@code <|endoftext|>} is a
     * special token (and BOS and EOS), and encoding adds no special tokens.
     *
     * @throws TokenizerException naming the file and the problem
     */
    public static HfTokenizer fromGpt2Files(Path encoderJson, Path vocabBpe) throws TokenizerException {
        return Gpt2Files.read(encoderJson, vocabBpe);
    }

    @Override
    public int[] encode(String text, boolean addSpecial) {
        IdBuffer ids = new IdBuffer();
        addedVocabulary.split(text, new AddedVocabulary.Sink() {
            @Override
            public void token(int id) {
                ids.add(id);
            }

            @Override
            public void text(String normalized) {
                preTokenizer.split(normalized, word -> model.encode(word, ids));
            }
        });
        return addSpecial ? template.apply(ids.toArray()) : ids.toArray();
    }

    /** {@inheritDoc} Ids that name no token are skipped, as HF does. */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            if (id >= 0 && id < tokens.length && tokens[id] != null) {
                appendBytes(tokens[id], bytes);
            }
        }
        return Utf8Lossy.decode(bytes.toByteArray());
    }

    @Override
    public int vocabSize() {
        return tokens.length;
    }

    @Override
    public String token(int id) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new IllegalArgumentException("no token has id " + id);
        }
        return tokens[id];
    }

    @Override
    public OptionalInt bosId() {
        return bos;
    }

    @Override
    public OptionalInt eosId() {
        return eos;
    }

    /** The BPE merges in rank order, as {@code [left, right]} pairs. */
    List<String[]> merges() {
        return model.merges();
    }

    private Integer idOf(String token) {
        Integer id = addedIds.get(token);
        return id != null ? id : model.vocab().get(token);
    }

    /**
     * A token's bytes as HF's ByteLevel decoder gives them: each character's byte when all its
     * characters are byte-level ones, else its own UTF-8 (added tokens such as NeoX's runs of spaces).
     */
    private static void appendBytes(String token, ByteArrayOutputStream out) {
        for (int i = 0; i < token.length(); i++) {
            if (ByteLevel.byteOf(token.charAt(i)) < 0) {
                out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        for (int i = 0; i < token.length(); i++) {
            out.write(ByteLevel.byteOf(token.charAt(i)));
        }
    }
}
