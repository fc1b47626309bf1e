package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.fedcot.models.tokenizer.MadeTokenizerFiles;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental readers of generated text give, after every token, what decoding the whole
 * continuation gives: byte tokens, characters split over tokens, invalid bytes, BOS in the middle.
 */
class ContinuationReaderTest {
    /** Text with one-, two-, three- and four-byte characters, which byte-level and byte-fallback tokenizers split. */
    private static final String MIXED =
            "Once upon a time, caf\u00E9 \u20AC5 \uD83D\uDE80\uD83D\uDE42 ok\n\u00E2the end";

    @TempDir
    Path tmp;

    @Test
    void madeLlama2cTokenizer() throws IOException {
        checkTokenizer(Tokenizers.load(MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin"))));
    }

    @Test
    void madeByteLevelBpe() {
        checkTokenizer(MadeTokenizerFiles.trainedBpe().tokenizer());
    }

    @Test
    void storiesTokenizerAndGpt2() throws IOException {
        checkTokenizer(Tokenizers.load(SharedFiles.path("models/stories260K/tok512.bin")));
        checkTokenizer(Tokenizers.load(SharedFiles.path("models/tokenizers/gpt2-tokenizer")));
    }

    @Test
    void runCTextReadsTokenByTokenAsAWhole() throws IOException {
        Tokenizer t = Tokenizers.load(MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin")));
        RunCText runC = new RunCText(t);
        int[] prompt = t.encode("Once", true);
        int[] generated = randomIds(t, 200, 3);
        ContinuationText.Reader reader = runC.reader(prompt);
        for (int n = 1; n <= generated.length; n++) {
            assertEquals(runC.of(prompt, Arrays.copyOf(generated, n)), reader.add(generated[n - 1]), "after " + n);
        }
    }

    @Test
    void eachTokenDecodesOnlyAFewTokens() {
        CountingTokenizer counting =
                new CountingTokenizer(MadeTokenizerFiles.trainedBpe().tokenizer());
        int[] prompt = counting.encode("Once upon a time", false);
        int[] generated = counting.encode(MIXED.repeat(20), false);
        ContinuationText.Reader reader = ContinuationText.of(counting).reader(prompt);
        counting.decoded = 0;
        for (int id : generated) {
            reader.add(id);
        }
        assertTrue(
                counting.decoded <= 24L * generated.length,
                counting.decoded + " ids decoded for " + generated.length + " tokens: not re-decoding everything");
    }

    /** After every token of random runs and of encoded mixed text, the reader's text is the full decode's. */
    private static void checkTokenizer(Tokenizer t) {
        int[] prompt = t.encode("Once upon a time", true);
        String head = t.decode(prompt);
        for (long seed = 0; seed < 4; seed++) {
            check(t, prompt, head, randomIds(t, 300, seed), "random run " + seed);
        }
        check(t, prompt, head, t.encode(MIXED, false), "mixed text");
    }

    private static void check(Tokenizer t, int[] prompt, String head, int[] generated, String what) {
        ContinuationText.Reader reader = ContinuationText.of(t).reader(prompt);
        int[] all = Arrays.copyOf(prompt, prompt.length + generated.length);
        for (int n = 1; n <= generated.length; n++) {
            all[prompt.length + n - 1] = generated[n - 1];
            String full = t.decode(Arrays.copyOf(all, prompt.length + n));
            assertTrue(full.startsWith(head), what);
            assertEquals(full.substring(head.length()), reader.add(generated[n - 1]), what + " after " + n + " tokens");
        }
        assertEquals(reader.text(), ContinuationText.of(t).of(prompt, generated), what + ": of gives the same");
    }

    /** Ids drawn over the whole vocabulary, half of them from the first 300 (byte tokens, specials). */
    private static int[] randomIds(Tokenizer t, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int vocab = t.vocabSize();
        return rng.ints(n, 0, vocab)
                .map(id -> rng.nextBoolean() ? id % Math.min(300, vocab) : id)
                .toArray();
    }

    /** Counts the ids it is asked to decode. */
    private static final class CountingTokenizer implements Tokenizer {
        private final Tokenizer inner;
        long decoded;

        CountingTokenizer(Tokenizer inner) {
            this.inner = inner;
        }

        @Override
        public int[] encode(String text, boolean addSpecial) {
            return inner.encode(text, addSpecial);
        }

        @Override
        public String decode(int[] ids) {
            decoded += ids.length;
            return inner.decode(ids);
        }

        @Override
        public int vocabSize() {
            return inner.vocabSize();
        }

        @Override
        public String token(int id) {
            return inner.token(id);
        }

        @Override
        public OptionalInt bosId() {
            return inner.bosId();
        }

        @Override
        public OptionalInt eosId() {
            return inner.eosId();
        }
    }
}
