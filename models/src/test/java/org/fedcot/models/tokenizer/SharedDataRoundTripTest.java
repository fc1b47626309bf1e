package org.fedcot.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * decode(encode(x)) == x for every question, choice and rationale text in the shared data sets, with
 * each of the four real tokenizers, each loaded through {@link Tokenizers#load} from its own kind of path.
 */
class SharedDataRoundTripTest {
    private static List<String> texts;

    @BeforeAll
    static void readTexts() {
        texts = SharedDataTexts.all();
        assertTrue(texts.size() > 100_000, "expected the shared data's texts, got " + texts.size());
    }

    /**
     * Without special tokens for all (the contract every format keeps); with them too for llama2.c,
     * whose BOS decodes to nothing, as run.c prints it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "gpt2 encoder.json + vocab.bpe, models/tokenizers/gpt2-tokenizer, false",
        "gpt-neox-20b tokenizer.json,   models/tokenizers/gpt-neox-20b-tokenizer/20B_tokenizer.json, false",
        "qwen3 tokenizer.json,          models/tokenizers/qwen3-tokenizer/tokenizer.json, false",
        "llama2 tokenizer.bin,          models/tokenizers/llama2-tokenizer/tokenizer.bin, true"
    })
    void everyTextRoundTrips(String name, String path, boolean alsoWithSpecial) throws TokenizerException {
        Tokenizer tokenizer = Tokenizers.load(SharedFiles.path(path));
        for (boolean special : alsoWithSpecial ? new boolean[] {false, true} : new boolean[] {false}) {
            List<String> changed = texts.parallelStream()
                    .filter(text -> !text.equals(tokenizer.decode(tokenizer.encode(text, special))))
                    .toList();
            System.out.printf(
                    "%s, addSpecial=%s: %d of %d texts round-trip%n",
                    name, special, texts.size() - changed.size(), texts.size());
            assertEquals(List.of(), changed.subList(0, Math.min(3, changed.size())), changed.size() + " texts changed");
        }
    }
}
