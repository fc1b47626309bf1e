package org.fedcot.privacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.fedcot.models.io.TextFiles;

/**
 * Words the user marks as sensitive, matched case-insensitively against whole words (word level)
 * or the word part of word-start tokens (token level), and what the list means.
 *
 * @param words lower-case words
 * @param mode  how the list changes which words are perturbed
 */
public record SensitiveWords(Set<String> words, Mode mode) {
    /** No list: every eligible word is perturbed. */
    public static final SensitiveWords NONE = new SensitiveWords(Set.of(), Mode.ALSO);

    /** How a sensitive-word list is used. */
    public enum Mode {
        /** Only the listed words are perturbed; everything else passes through. */
        ONLY,
        /**
         * Listed words are perturbed even when they would pass through otherwise (stopwords);
         * every other word follows the usual rules.
         */
        ALSO
    }

    /** Lower-cases and copies the words. */
    public SensitiveWords {
        words = words.stream()
                .map(w -> w.strip().toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The list {@code words} in {@code mode}. */
    public static SensitiveWords of(Collection<String> words, Mode mode) {
        return new SensitiveWords(Set.copyOf(words), mode);
    }

    /** A list read from a UTF-8 file: one word per line; blank lines and lines starting with '#' are skipped. */
    public static SensitiveWords read(Path file, Mode mode) throws IOException {
        return new SensitiveWords(
                TextFiles.lines(file).stream()
                        .filter(l -> !l.strip().startsWith("#"))
                        .collect(Collectors.toSet()),
                mode);
    }

    /** Whether {@code lowerCaseWord} is on the list. */
    public boolean contains(String lowerCaseWord) {
        return words.contains(lowerCaseWord);
    }
}
