package org.fedcot.privacy;

import java.util.Locale;

/**
 * Carries a word's capitalisation over to its replacement, since word vectors (GloVe) are
 * lower-case: "RIVER" gives "STREAM", "River" gives "Stream", anything else ("river", "iPhone")
 * gives the replacement as the vocabulary spells it.
 */
final class CaseShape {
    private CaseShape() {}

    /** {@code replacement} in the case pattern of {@code original}. */
    static String apply(String original, String replacement) {
        if (replacement.isEmpty()) {
            return replacement;
        }
        if (original.codePointCount(0, original.length()) > 1 && isAllUpper(original)) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(original.codePointAt(0))) {
            int first = replacement.codePointAt(0);
            return new StringBuilder()
                    .appendCodePoint(Character.toTitleCase(first))
                    .append(replacement, Character.charCount(first), replacement.length())
                    .toString();
        }
        return replacement;
    }

    private static boolean isAllUpper(String s) {
        return s.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }
}
