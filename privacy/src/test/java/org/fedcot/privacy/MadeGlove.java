package org.fedcot.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A word-vector table the tests make themselves, so that the perturbers' behaviour is checked without
 * ../shared: every word the tests' texts need, then generated filler words ("xaaa", "xaab", ...) up to
 * {@link #WORDS}, with seeded random vectors, written in the GloVe text format (with a punctuation and
 * a number line, as GloVe has, which the reader drops) and read back through {@link GloveFile#read}.
 * "zzyzxq" is left out on purpose: the tests use it as a word without a vector.
 */
final class MadeGlove {
    /** Rows of the table: more than one {@link CosineRows} block of 64 rows apart by 17 from row 1000. */
    static final int WORDS = 2500;

    static final int DIM = 16;
    private static final List<String> NAMED = List.of(
            "the",
            "of",
            "it",
            "in",
            "and",
            "at",
            "a",
            "by",
            "from",
            "their",
            "near",
            "river",
            "rivers",
            "lake",
            "lakes",
            "mountains",
            "winter",
            "ends",
            "valley",
            "floods",
            "flows",
            "doctor",
            "doctors",
            "saw",
            "called",
            "treat",
            "treated",
            "patients",
            "hospital",
            "hospitals",
            "quiet",
            "evening",
            "boats",
            "tons",
            "beaver",
            "builds",
            "dams",
            "supplies",
            "come",
            "wooded",
            "area",
            "paris",
            "seven",
            "completely",
            "different",
            "words",
            "about",
            "music",
            "rain");

    private MadeGlove() {}

    /** The table, written and read on first use, once per test JVM. */
    static EmbeddingTable table() {
        return Holder.TABLE;
    }

    /** The row of a word the table must hold. */
    static int row(String word) {
        int row = table().row(word);
        if (row < 0) {
            throw new IllegalArgumentException(word + " is not in the made table");
        }
        return row;
    }

    /** Writes the table to {@code file} in the GloVe text format. */
    static void write(Path file) throws IOException {
        LinkedHashSet<String> words = new LinkedHashSet<>(NAMED);
        for (int i = 0; words.size() < WORDS; i++) {
            words.add("x" + (char) ('a' + i / 676) + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26));
        }
        SplittableRandom random = new SplittableRandom(20_24);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(vectorLine(",", random));
            for (String word : words) {
                out.write(vectorLine(word, random));
            }
            out.write(vectorLine("1998", random));
        }
    }

    private static String vectorLine(String word, SplittableRandom random) {
        StringBuilder line = new StringBuilder(word);
        for (int d = 0; d < DIM; d++) {
            line.append(' ').append((float) (random.nextDouble() * 2 - 1));
        }
        return line.append('\n').toString();
    }

    /** Holder idiom: the file is made and read when a test first asks for it. */
    private static final class Holder {
        static final EmbeddingTable TABLE = make();

        private static EmbeddingTable make() {
            try {
                Path dir = Files.createTempDirectory("fedcot-made-glove");
                Path file = dir.resolve("made.16d.txt");
                write(file);
                EmbeddingTable table = GloveFile.read(file);
                Files.delete(file);
                Files.delete(dir);
                return table;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
