package org.fedcot.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in English stopword list (stopwords-en.txt beside this class: pronouns, articles,
 * auxiliaries, prepositions, conjunctions and contraction pieces, lower-case). Perturbers let these
 * through unchanged by default: they carry little private information and replacing them mostly
 * breaks the grammar.
 */
public final class Stopwords {
    private static final Set<String> ENGLISH = load();

    private Stopwords() {}

    /** Whether {@code lowerCaseWord} is an English stopword. */
    public static boolean isStopword(String lowerCaseWord) {
        return ENGLISH.contains(lowerCaseWord);
    }

    private static Set<String> load() {
        try (InputStream in = Stopwords.class.getResourceAsStream("stopwords-en.txt")) {
            if (in == null) {
                throw new IllegalStateException("stopwords-en.txt is missing from the privacy module's resources");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
