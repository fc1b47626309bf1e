package org.fedcot.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads word vectors in the GloVe text format: one word per line, then its vector's components,
 * separated by single spaces ({@code the 0.418 0.24968 ...}). Every line must have the same
 * dimension.
 *
 * <p>The word-level vocabulary keeps only words made of letters, lower-cased (the perturber looks
 * words up lower-case and restores the case pattern), the first occurrence winning: punctuation,
 * numbers and mixed tokens of the file would make no sense as the replacement of a word.
 */
public final class GloveFile {
    private GloveFile() {}

    /**
     * The alphabetic words of {@code file} and their vectors.
     *
     * @throws EmbeddingsException naming the file and line when it is not in the format, the
     *     dimension changes, a value is not a finite number, or no word is left
     */
    public static EmbeddingTable read(Path file) throws IOException {
        List<String> words = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        FloatBuffer values = new FloatBuffer();
        int dim = -1;
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space <= 0 || countNumbers(line, space) == 0) {
                    throw new EmbeddingsException(file + " line " + lineNumber + ": expected a word and its vector"
                            + " separated by spaces (GloVe text format), found '" + abbreviate(line) + "'");
                }
                int n = countNumbers(line, space);
                if (dim < 0) {
                    dim = n;
                } else if (n != dim) {
                    throw new EmbeddingsException(file + " line " + lineNumber + ": a vector of dimension " + n
                            + ", but line 1 has dimension " + dim + " (every vector must have the same dimension)");
                }
                String word = line.substring(0, space).toLowerCase(Locale.ROOT);
                boolean keep = isAlphabetic(word) && seen.add(word);
                parseNumbers(file, lineNumber, line, space, keep ? values : null);
                if (keep) {
                    words.add(word);
                }
            }
        } catch (CharacterCodingException e) {
            throw new EmbeddingsException(
                    file + " line " + (lineNumber + 1) + ": not UTF-8 text; a GloVe file is"
                            + " 'word v1 ... vD' per line",
                    e);
        }
        if (words.isEmpty()) {
            throw new EmbeddingsException(
                    file + ": no word made of letters found" + (lineNumber == 0 ? " (empty file)" : ""));
        }
        return EmbeddingTable.of(words, values.toArray(), dim);
    }

    /** How many space-separated fields follow the word. */
    private static int countNumbers(String line, int space) {
        int n = 0;
        boolean inField = false;
        for (int i = space + 1; i < line.length(); i++) {
            boolean blank = line.charAt(i) == ' ';
            if (!blank && !inField) {
                n++;
            }
            inField = !blank;
        }
        return n;
    }

    /** Parses the fields after the word, appending them to {@code out} (or only checking them when null). */
    private static void parseNumbers(Path file, int lineNumber, String line, int space, FloatBuffer out)
            throws EmbeddingsException {
        int i = space + 1;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            int end = line.indexOf(' ', i);
            end = end < 0 ? line.length() : end;
            String field = line.substring(i, end);
            float x;
            try {
                x = Float.parseFloat(field);
            } catch (NumberFormatException e) {
                x = Float.NaN;
            }
            if (!Float.isFinite(x)) {
                throw new EmbeddingsException(file + " line " + lineNumber + ": '" + abbreviate(field)
                        + "' is not a finite number (GloVe text format: word v1 ... vD)");
            }
            if (out != null) {
                out.add(x);
            }
            i = end;
        }
    }

    private static boolean isAlphabetic(String word) {
        return word.codePoints().allMatch(Character::isLetter);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A growable float array, so 50,000 x 100 values are not boxed. */
    private static final class FloatBuffer {
        private float[] data = new float[1 << 16];
        private int size;

        void add(float x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = x;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
