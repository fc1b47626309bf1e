package org.fedcot.cli;

/**
 * Text from a user or a model made safe to print to a terminal: every character that a terminal would act on
 * instead of show (ESC and the other C0 and C1 controls, DEL, carriage return, and the bidirectional overrides
 * and isolates that reorder what follows them) is written visibly as {@code \}{@code uXXXX}, so a prompt or a
 * generated text can neither move the cursor, recolour the screen nor make one string read as another. A
 * backslash that starts such an escape in the text itself is not doubled: the output is for reading, not
 * for parsing back.
 */
public final class TerminalText {
    private TerminalText() {}

    /** {@code text} with every control character escaped, line breaks and tabs kept as they are. */
    public static String keepingLines(String text) {
        return escape(text, true);
    }

    /** {@code text} on one line: line breaks and tabs escaped like every other control character. */
    public static String oneLine(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean kept = !unsafe(c) || keepLines && (c == '\n' || c == '\t');
            if (kept && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (kept) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Whether a terminal would act on {@code c} rather than show it. */
    private static boolean unsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e') // embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069') // isolates
                || c == '\u200e'
                || c == '\u200f'
                || c == '\u061c'; // direction marks
    }
}
