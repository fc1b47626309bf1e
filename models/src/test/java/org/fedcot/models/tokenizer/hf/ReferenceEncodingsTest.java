package org.fedcot.models.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every line of the independent references: gpt-3-encoder's GPT-2 encodings in ../shared, and the
 * encodings and decodings Hugging Face's JS tokenizers produced for GPT-2, NeoX and Qwen3
 * (regenerate with {@code src/test/node/make_hf_references.mjs}).
 */
class ReferenceEncodingsTest {

    @Test
    void gpt2MatchesSharedReference() throws Exception {
        HfTokenizer gpt2 = SharedTokenizers.gpt2();
        List<String> lines = Files.readAllLines(
                SharedTokenizers.tokenizerFile("gpt2-tokenizer/encode_reference.tsv"), StandardCharsets.UTF_8);
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            assertArrayEquals(Fixtures.ids(fields[1]), gpt2.encode(fields[0], false), fields[0]);
            checked++;
        }
        assertEquals(lines.size() - 1, checked);
        assertTrue(checked >= 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "neox", "qwen3"})
    void encodingsMatchHuggingFace(String name) throws Exception {
        HfTokenizer tokenizer = SharedTokenizers.named(name);
        List<String> failures = new ArrayList<>();
        List<String[]> rows = Fixtures.rows(name + "_encode.tsv");
        for (String[] row : rows) {
            int[] expected = Fixtures.ids(row[2]);
            int[] actual = tokenizer.encode(row[0], row[1].equals("1"));
            if (!Arrays.equals(expected, actual)) {
                failures.add(row[0] + " (special=" + row[1] + ")\n  expected " + Arrays.toString(expected)
                        + "\n  actual   " + Arrays.toString(actual));
            }
        }
        assertTrue(rows.size() > 400, "fixture rows: " + rows.size());
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + rows.size() + " differ:\n" + String.join("\n", failures));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "neox", "qwen3"})
    void decodingsMatchHuggingFace(String name) throws Exception {
        HfTokenizer tokenizer = SharedTokenizers.named(name);
        List<String[]> rows = Fixtures.rows(name + "_decode.tsv");
        for (String[] row : rows) {
            assertEquals(row[1], tokenizer.decode(Fixtures.ids(row[0])), "ids " + row[0]);
        }
        assertTrue(rows.size() > 30, "fixture rows: " + rows.size());
    }
}
