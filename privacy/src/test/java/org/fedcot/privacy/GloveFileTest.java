package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GloVe reader: the shared file as it is, the vocabulary it keeps, and clear errors. */
class GloveFileTest {
    @TempDir
    Path tmp;

    private Path file(String content) throws IOException {
        return Files.writeString(tmp.resolve("vectors.txt"), content, StandardCharsets.UTF_8);
    }

    @Test
    void theSharedFileReadsWithItsAlphabeticWords() throws IOException {
        EmbeddingTable t = Fixtures.glove();
        assertEquals(100, t.dim());
        assertEquals(49_216, t.size()); // 50,000 lines less 784 of punctuation, numbers and mixed tokens
        assertEquals("the", t.word(0));
        try (BufferedReader in = Files.newBufferedReader(SharedFiles.path(Fixtures.GLOVE))) {
            String[] the = in.readLine().split(" ");
            double[] v = t.vector(0);
            for (int d = 0; d < 100; d++) {
                assertEquals(Double.parseDouble(the[d + 1]), v[d], 1e-6 * Math.abs(v[d]) + 1e-7);
            }
        }
    }

    @Test
    void aTableWrittenInTheFormatReadsBackAsWritten() throws IOException {
        Path made = tmp.resolve("made.txt");
        MadeGlove.write(made);
        EmbeddingTable t = GloveFile.read(made);
        assertEquals(MadeGlove.DIM, t.dim());
        assertEquals(MadeGlove.WORDS, t.size()); // the punctuation and number lines are left out
        int row = 0;
        for (String line : Files.readAllLines(made)) {
            String[] fields = line.split(" ");
            if (!fields[0].chars().allMatch(Character::isLetter)) {
                assertEquals(-1, t.row(fields[0]), fields[0]);
                continue;
            }
            assertEquals(fields[0], t.word(row));
            double[] v = t.vector(row);
            for (int d = 0; d < MadeGlove.DIM; d++) {
                // the table keeps unit vectors and norms, so a component comes back within float rounding
                assertEquals(
                        Float.parseFloat(fields[d + 1]),
                        v[d],
                        1e-6 * Math.abs(v[d]) + 1e-7,
                        fields[0] + " dimension " + d);
            }
            row++;
        }
        assertEquals(t.size(), row);
    }

    @Test
    void keepsLowerCaseAlphabeticWordsFirstComeFirst() throws IOException {
        EmbeddingTable t = GloveFile.read(file("River 1 0\n, 0 1\n1998 1 1\nriver 0 2\ncafé -1 0.5\n\n"));
        assertEquals(2, t.size());
        assertEquals(0, t.row("river"));
        assertEquals(1, t.vector(0)[0], 1e-7);
        assertEquals(1, t.row("café"));
    }

    @Test
    void aChangeOfDimensionIsNamedWithItsLine() throws IOException {
        EmbeddingsException e =
                assertThrows(EmbeddingsException.class, () -> GloveFile.read(file("river 1 0 0\nlake 1 0\n")));
        assertTrue(
                e.getMessage()
                        .endsWith("line 2: a vector of dimension 2, but line 1 has dimension 3"
                                + " (every vector must have the same dimension)"),
                e.getMessage());
    }

    @Test
    void otherFormatsAreRefusedClearly() throws IOException {
        assertMessage(file("{\"river\": [1, 0]}\n"), "line 1: '[1,' is not a finite number");
        assertMessage(file("river\n"), "line 1: expected a word and its vector separated by spaces");
        assertMessage(file("river 1 NaN\n"), "line 1: 'NaN' is not a finite number");
        assertMessage(file(""), "no word made of letters found (empty file)");
        Path binary = Files.write(tmp.resolve("model.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertMessage(binary, "line 1: not UTF-8 text");
    }

    private static void assertMessage(Path file, String expected) {
        EmbeddingsException e = assertThrows(EmbeddingsException.class, () -> GloveFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
