package org.fedcot.models.tokenizer.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.fedcot.models.tokenizer.SharedDataTexts;
import org.fedcot.models.tokenizer.TokenizerException;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer against a line-by-line port of run.c's encode (string lookups, the quadratic merge
 * loop, no cutting into segments), on random text full of score ties, runs of spaces, byte
 * fallbacks and stray characters, and on real data-set texts.
 */
class RunCOracleTest {
    private static final String LLAMA2 = "models/tokenizers/llama2-tokenizer/tokenizer.bin";
    private static final String TOK512 = "models/stories260K/tok512.bin";
    private static final String[] ALPHABET = {
        "a", "e", "t", "h", "o", "n", " ", " ", "  ", ".", ",", "'", "\n", "the", "ing", " the", "é", "ï", "中", "😀",
        "0", "1", "<", ">", "x", "<0x", "\t", "\u0000"
    };

    /** run.c's encode(text, bos=1, eos=0), written as run.c writes it. */
    private static int[] runCEncode(Vocabulary vocab, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[utf8.length + 2];
        int n = 0;
        tokens[n++] = 1;
        if (utf8.length > 0) {
            tokens[n++] = vocab.id(" ");
        }
        int strLen = 0;
        byte[] buffer = new byte[4];
        for (int c = 0; c < utf8.length; c++) {
            if ((utf8[c] & 0xC0) != 0x80) {
                strLen = 0;
            }
            buffer[strLen++] = utf8[c];
            if (c + 1 < utf8.length && (utf8[c + 1] & 0xC0) == 0x80 && strLen < 4) {
                continue;
            }
            int id = vocab.id(Vocabulary.key(buffer, 0, strLen));
            if (id != -1) {
                tokens[n++] = id;
            } else {
                for (int i = 0; i < strLen; i++) {
                    tokens[n++] = (buffer[i] & 0xFF) + 3;
                }
            }
            strLen = 0;
        }
        while (true) {
            float bestScore = -1e10f;
            int bestId = -1;
            int bestIdx = -1;
            for (int i = 0; i < n - 1; i++) {
                int id = vocab.id(vocab.piece(tokens[i]) + vocab.piece(tokens[i + 1]));
                if (id != -1 && vocab.score(id) > bestScore) {
                    bestScore = vocab.score(id);
                    bestId = id;
                    bestIdx = i;
                }
            }
            if (bestIdx == -1) {
                return Arrays.copyOf(tokens, n);
            }
            tokens[bestIdx] = bestId;
            System.arraycopy(tokens, bestIdx + 2, tokens, bestIdx + 1, n - bestIdx - 2);
            n--;
        }
    }

    private static void assertSameAsRunC(String file, List<String> texts) throws TokenizerException {
        Path path = SharedFiles.path(file);
        Vocabulary vocab = TokenizerBinReader.read(path, OptionalInt.empty());
        Llama2cTokenizer tokenizer = Llama2cTokenizer.load(path);
        for (String text : texts) {
            assertArrayEquals(runCEncode(vocab, text), tokenizer.encode(text, true), text);
        }
    }

    private static List<String> randomTexts() {
        SplittableRandom rng = new SplittableRandom(42);
        return IntStream.range(0, 500)
                .mapToObj(i -> {
                    StringBuilder text = new StringBuilder();
                    for (int len = rng.nextInt(0, 80); len > 0; len--) {
                        text.append(ALPHABET[rng.nextInt(ALPHABET.length)]);
                    }
                    return text.toString();
                })
                .toList();
    }

    /** Every 500th data-set text: a few hundred real questions, choices and rationales. */
    private static List<String> dataTexts() {
        List<String> all = SharedDataTexts.all();
        return IntStream.range(0, all.size())
                .filter(i -> i % 500 == 0)
                .mapToObj(all::get)
                .toList();
    }

    @Test
    void randomTextOnTheLlama2Vocabulary() throws TokenizerException {
        assertSameAsRunC(LLAMA2, randomTexts());
    }

    @Test
    void randomTextOnTok512() throws TokenizerException {
        assertSameAsRunC(TOK512, randomTexts());
    }

    @Test
    void dataTextsOnBothVocabularies() throws TokenizerException {
        List<String> texts = dataTexts();
        assertSameAsRunC(LLAMA2, texts);
        assertSameAsRunC(TOK512, texts);
    }
}
