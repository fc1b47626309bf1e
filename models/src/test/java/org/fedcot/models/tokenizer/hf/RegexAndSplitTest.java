package org.fedcot.models.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Oniguruma semantics of translated patterns, and HF's split behaviours. */
class RegexAndSplitTest {

    @Test
    void whitespaceIsUnicodeWhiteSpace() throws FormatProblem {
        Pattern space = OnigRegex.compile("\\s");
        for (String s : List.of(" ", "\t", "\n", "\u000B", "\u0085", "\u00A0", "\u2003", "\u2028", "\u3000")) {
            assertTrue(space.matcher(s).matches(), () -> "\\s should match U+" + Integer.toHexString(s.charAt(0)));
        }
        for (String s : List.of("\uFEFF", "\u200B", "x")) {
            assertFalse(space.matcher(s).matches(), () -> "\\s should not match U+" + Integer.toHexString(s.charAt(0)));
        }
    }

    @Test
    void onigurumaOnlyEscapesAndFlags() throws FormatProblem {
        assertTrue(OnigRegex.compile("\\h+").matcher("09afAF").matches());
        assertFalse(OnigRegex.compile("\\h").matcher(" ").matches());
        assertTrue(OnigRegex.compile("[\\h_]+").matcher("a_9").matches());
        assertFalse(OnigRegex.compile("\\v").matcher("\n").matches());
        assertTrue(OnigRegex.compile("(?m:a.b)").matcher("a\nb").matches());
        assertFalse(OnigRegex.compile("a.b").matcher("a\nb").matches());
        assertTrue(OnigRegex.compile("a.b").matcher("a\rb").matches());
        assertTrue(OnigRegex.compile("\\p{^L}").matcher("1").matches());
        assertTrue(OnigRegex.compile("(?i:'s)").matcher("'S").matches());
        assertTrue(OnigRegex.compile("^b").matcher("a\nb").find());
    }

    @Test
    void behavioursOnTheFinalCountdown() {
        String text = "the-final--countdown";
        assertEquals(List.of("the", "final", "countdown"), split(SplitBehavior.REMOVED, false, text));
        assertEquals(List.of("the", "-", "final", "-", "-", "countdown"), split(SplitBehavior.ISOLATED, false, text));
        assertEquals(
                List.of("the-", "final-", "-", "countdown"), split(SplitBehavior.MERGED_WITH_PREVIOUS, false, text));
        assertEquals(List.of("the", "-final", "-", "-countdown"), split(SplitBehavior.MERGED_WITH_NEXT, false, text));
        assertEquals(List.of("the", "-", "final", "--", "countdown"), split(SplitBehavior.CONTIGUOUS, false, text));
    }

    @Test
    void invertSwapsWhatCountsAsTheMatch() {
        // Inverted, a pattern for the words makes the dashes the delimiters; "--" is one stretch.
        assertEquals(List.of("the", "final", "countdown"), split(SplitBehavior.REMOVED, true, "the-final--countdown"));
        assertEquals(
                List.of("the", "-final", "--countdown"),
                split(SplitBehavior.MERGED_WITH_NEXT, true, "the-final--countdown"));
    }

    private static List<String> split(SplitBehavior behavior, boolean invert, String text) {
        List<String> pieces = new ArrayList<>();
        Pattern pattern = invert ? Pattern.compile("[a-z]+") : Pattern.compile("-");
        new SplitPreTokenizer(pattern, behavior, invert).split(text, pieces::add);
        return pieces;
    }
}
