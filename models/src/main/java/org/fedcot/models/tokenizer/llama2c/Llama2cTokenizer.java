package org.fedcot.models.tokenizer.llama2c;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.TokenizerException;

/**
 * llama2.c's tokenizer (a SentencePiece BPE vocabulary exported as tokenizer.bin), encoding and
 * decoding exactly as llama2.c's run.c does.
 *
 * <p>Encoding: BOS (id 1) when {@code addSpecial} (run.c's {@code encode(text, bos=1, eos=0)}); the
 * "dummy prefix" token {@code " "} when the text is non-empty; one token per UTF-8 codepoint, or per
 * byte ({@code <0xNN>}, id = byte + 3) when the codepoint is not a token; then, repeatedly, the
 * adjacent pair whose concatenation is the highest-scoring token is merged (leftmost on a tie), with
 * run.c's result but not its quadratic cost. The format has no added tokens, so, as in run.c,
 * {@code "<s>"} written in the text is plain text. U+0000, which ends a C string, is byte token
 * {@code <0x00>} here.
 *
 * <p>Decoding: BOS yields nothing (run.c never prints it: it is the sequence delimiter), byte tokens
 * yield their raw byte, every other token its bytes (EOS included), and the UTF-8 result becomes the
 * text. A token after BOS loses its leading space, as in run.c; so does the first token of a sequence
 * that has no BOS, so that the dummy prefix always goes away again and
 * {@code decode(encode(x, s)) == x} for both values of {@code s} (for any text without unpaired
 * surrogates, which UTF-8 cannot carry).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Llama2cTokenizer implements Tokenizer {
    /** Beginning-of-sequence id, fixed by llama2.c. */
    public static final int BOS = 1;
    /** End-of-sequence id, fixed by llama2.c. */
    public static final int EOS = 2;
    /** Id of byte token {@code <0x00>}: byte tokens follow {@code <unk>, <s>, </s>}. */
    static final int FIRST_BYTE_TOKEN = 3;

    private final Vocabulary vocab;
    private final MergeTable merges;
    /** The dummy prefix: the {@code " "} token, else byte token {@code <0x20>} (where run.c would emit -1). */
    private final int dummyPrefix;

    private Llama2cTokenizer(Vocabulary vocab) {
        this.vocab = vocab;
        this.merges = new MergeTable(vocab);
        int space = vocab.id(" ");
        this.dummyPrefix = space >= 0 ? space : FIRST_BYTE_TOKEN + ' ';
    }

    /**
     * Reads a tokenizer.bin, taking every token up to the end of the file.
     *
     * @throws TokenizerException if the file cannot be read, is truncated or corrupt, or is not a tokenizer.bin
     */
    public static Llama2cTokenizer load(Path file) throws TokenizerException {
        return new Llama2cTokenizer(TokenizerBinReader.read(file, OptionalInt.empty()));
    }

    /**
     * Reads a tokenizer.bin that must hold exactly {@code vocabSize} tokens, the model's vocabulary
     * size (run.c reads that many and nothing else).
     *
     * @throws TokenizerException if the file cannot be read, is corrupt, or holds a different number of tokens
     */
    public static Llama2cTokenizer load(Path file, int vocabSize) throws TokenizerException {
        if (vocabSize < FIRST_BYTE_TOKEN) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " < 3: llama2.c needs <unk>, <s> and </s>");
        }
        return new Llama2cTokenizer(TokenizerBinReader.read(file, OptionalInt.of(vocabSize)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a character is not in the vocabulary and its byte token
     *     would lie past the vocabulary's end
     */
    @Override
    public int[] encode(String text, boolean addSpecial) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[utf8.length + 2];
        int n = 0;
        if (addSpecial) {
            tokens[n++] = BOS;
        }
        if (utf8.length > 0) {
            tokens[n++] = checkedByteToken(dummyPrefix, ' ');
        }
        for (int start = 0, end; start < utf8.length; start = end) {
            // run.c's codepoint split: one byte, then its continuation bytes (10xxxxxx), at most 4 in all.
            end = start + 1;
            while (end < utf8.length && (utf8[end] & 0xC0) == 0x80 && end - start < 4) {
                end++;
            }
            int id = vocab.id(Vocabulary.key(utf8, start, end));
            if (id >= 0) {
                tokens[n++] = id;
            } else {
                for (int i = start; i < end; i++) {
                    tokens[n++] = checkedByteToken(FIRST_BYTE_TOKEN + (utf8[i] & 0xFF), utf8[i]);
                }
            }
        }
        return PairMerger.merge(vocab, merges, Arrays.copyOf(tokens, n));
    }

    private int checkedByteToken(int id, int b) {
        if (id >= vocab.size()) {
            throw new IllegalArgumentException(String.format(
                    "byte 0x%02X is not in the vocabulary and its byte token %d is past its %d tokens",
                    b & 0xFF, id, vocab.size()));
        }
        return id;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the first id outside {@code 0..vocabSize()-1}
     */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean atStart = true;
        for (int id : ids) {
            checkId(id);
            if (id == BOS) {
                atStart = true;
                continue;
            }
            String piece = vocab.piece(id);
            if (atStart && piece.startsWith(" ")) {
                piece = piece.substring(1);
            } else if (atStart && id == dummyPrefix) {
                atStart = false; // the <0x20> stand-in for a missing " " token: the whole token is the prefix
                continue;
            }
            atStart = false;
            int b = rawByte(piece);
            if (b >= 0) {
                out.write(b);
            } else {
                out.writeBytes(piece.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The byte a {@code <0xNN>} piece stands for, else -1. run.c's {@code sscanf("<0x%02hhX>")} reads
     * one or two hex digits after "<0x"; so does this (without sscanf's tolerance of signs and spaces).
     */
    public static int rawByte(String piece) {
        if (!piece.startsWith("<0x")) {
            return -1;
        }
        int value = -1;
        for (int i = 3; i < Math.min(piece.length(), 5); i++) {
            int digit = Character.digit(piece.charAt(i), 16);
            if (digit < 0) {
                break;
            }
            value = (value < 0 ? 0 : value * 16) + digit;
        }
        return value;
    }

    private void checkId(int id) {
        if (id < 0 || id >= vocab.size()) {
            throw new IllegalArgumentException("token id " + id + " is out of range 0.." + (vocab.size() - 1));
        }
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    /** The token's bytes as UTF-8 text, as tokenizer.bin stores them (a space where SentencePiece has "▁"). */
    @Override
    public String token(int id) {
        checkId(id);
        return new String(vocab.piece(id).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(BOS);
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.of(EOS);
    }
}
