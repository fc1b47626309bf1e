package org.fedcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What a terminal would obey is shown instead; ordinary text, accents and emoji included, passes as it is. */
class TerminalTextTest {
    @Test
    void controlCharactersAreEscapedVisibly() {
        assertEquals("red \\u001b[31mtext\\u001b[0m", TerminalText.keepingLines("red \u001b[31mtext\u001b[0m"));
        assertEquals("over\\u000dwrite", TerminalText.keepingLines("over\rwrite"));
        assertEquals(
                "bell\\u0007 del\\u007f c1\\u009b nul\\u0000",
                TerminalText.keepingLines("bell\u0007 del\u007f c1\u009b nul\u0000"));
    }

    @Test
    void bidiOverridesAndIsolatesAreEscaped() {
        assertEquals(
                "abc\\u202edcba\\u202c \\u2067x\\u2069 \\u200f",
                TerminalText.keepingLines("abc\u202edcba\u202c \u2067x\u2069 \u200f"));
    }

    @Test
    void lineBreaksAndTabsAreKeptInTextAndEscapedOnOneLine() {
        assertEquals("one\n\ttwo", TerminalText.keepingLines("one\n\ttwo"));
        assertEquals("one\\u000a\\u0009two", TerminalText.oneLine("one\n\ttwo"));
    }

    @Test
    void safeTextIsReturnedAsItIs() {
        String text = "Café, naïve, 東京, emoji 🙂 and a \\ backslash";
        assertSame(text, TerminalText.keepingLines(text));
        assertSame(text, TerminalText.oneLine(text));
    }
}
