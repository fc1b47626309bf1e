package org.fedcot.models.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Texts the tests make themselves, to train tokenizers on and to round-trip without ../shared: words
 * built from syllables (so there are many distinct words, and merges to learn), in several case
 * patterns, with punctuation, numbers, tabs, runs of spaces and line breaks, and some non-ASCII words
 * (accents, Greek, CJK, emoji). The letters q, x and z are never used, so words such as "zqx" stay
 * unseen. The same seed gives the same texts.
 */
public final class MadeTexts {
    private static final String[] SYLLABLES = {
        "ba", "be", "bi", "bo", "bu", "ca", "ce", "co", "da", "de", "di", "do", "fa", "fe", "fi", "ga", "go", "ha",
        "he", "hi", "ho", "ja", "ka", "ki", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "na", "ne", "ni",
        "no", "nu", "pa", "pe", "pi", "po", "ra", "re", "ri", "ro", "ru", "sa", "se", "si", "so", "ta", "te", "ti",
        "to", "tu", "va", "ve", "vi", "wa", "we", "wi", "ya", "yo", "an", "en", "in", "on", "un", "st", "th", "ng"
    };
    private static final String[] NON_ASCII = {
        "café", "naïve", "über", "façade", "Ελληνικά", "日本語", "中文", "테스트", "😀", "🙂ok", "e\u0301", "ñandú"
    };
    private static final String[] PUNCTUATION = {",", ".", "!", "?", ";", ":", "...", "'s", "'t", ")", "\""};
    private static final String[] GAPS = {" ", " ", " ", " ", " ", " ", "  ", "\t", "\n", " \n", "\r\n"};

    private MadeTexts() {}

    /** {@code count} texts from {@code seed}, each of 1 to 24 words. */
    public static List<String> of(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(24);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    text.append(GAPS[random.nextInt(GAPS.length)]);
                }
                text.append(word(random));
                if (random.nextInt(5) == 0) {
                    text.append(PUNCTUATION[random.nextInt(PUNCTUATION.length)]);
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static String word(SplittableRandom random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return NON_ASCII[random.nextInt(NON_ASCII.length)];
        }
        if (kind == 1) {
            return Integer.toString(random.nextInt(100_000));
        }
        StringBuilder word = new StringBuilder();
        int syllables = 1 + random.nextInt(4);
        for (int s = 0; s < syllables; s++) {
            // a skewed choice, so that some syllables and words are frequent, as in real text
            word.append(SYLLABLES[random.nextInt(1 + random.nextInt(SYLLABLES.length))]);
        }
        return switch (kind) {
            case 2 -> word.toString().toUpperCase(Locale.ROOT);
            case 3, 4 -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
            default -> word.toString();
        };
    }
}
