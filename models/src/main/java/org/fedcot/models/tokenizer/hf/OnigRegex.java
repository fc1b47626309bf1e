package org.fedcot.models.tokenizer.hf;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a tokenizer.json regex, written for Oniguruma (Ruby syntax, UTF-8), into a
 * {@link Pattern} that matches the same strings.
 *
 * <p>The flags give Oniguruma's Unicode semantics: {@code \s} is White_Space (so U+0085 counts and
 * U+FEFF does not), {@code \d}/{@code \w} and case-insensitive groups are Unicode-aware, {@code .}
 * stops only at {@code \n}, and {@code ^}/{@code $} are line anchors. The few escapes that mean
 * something else in Java are rewritten ({@code \h} hex digit, {@code \v} vertical tab, Ruby's
 * {@code (?m)} dot-all, {@code \p{^X}}); POSIX brackets such as {@code [[:alpha:]]} are refused
 * rather than misread.
 */
final class OnigRegex {
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES | Pattern.MULTILINE;
    private static final String HEX_DIGITS = "0-9A-Fa-f";

    private OnigRegex() {}

    static Pattern compile(String onig) throws FormatProblem {
        String java = translate(onig);
        try {
            return Pattern.compile(java, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new FormatProblem("regex /" + onig + "/ is not supported: " + e.getDescription());
        }
    }

    private static String translate(String onig) throws FormatProblem {
        StringBuilder out = new StringBuilder(onig.length() + 16);
        int classDepth = 0;
        for (int i = 0; i < onig.length(); i++) {
            char c = onig.charAt(i);
            if (c == '\\' && i + 1 < onig.length()) {
                i = translateEscape(onig, i, classDepth > 0, out);
            } else if (c == '[') {
                if (classDepth > 0 && onig.startsWith("[:", i)) {
                    throw new FormatProblem("regex /" + onig + "/ uses a POSIX bracket class, which is not supported");
                }
                classDepth++;
                out.append(c);
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
                out.append(c);
            } else if (c == '(' && classDepth == 0 && onig.startsWith("(?", i)) {
                i = translateGroupFlags(onig, i, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends the Java form of the escape at {@code i}; returns the index of its last character. */
    private static int translateEscape(String onig, int i, boolean inClass, StringBuilder out) throws FormatProblem {
        char e = onig.charAt(i + 1);
        switch (e) {
            case 'h' -> out.append(inClass ? HEX_DIGITS : "[" + HEX_DIGITS + "]");
            case 'H' -> {
                if (inClass) {
                    throw new FormatProblem("regex /" + onig + "/ uses \\H inside a class, which is not supported");
                }
                out.append("[^" + HEX_DIGITS + "]");
            }
            case 'v' -> out.append("\\x0B");
            case 'p', 'P' -> {
                // Oniguruma negates a property with \p{^X}; Java with \P{X}.
                if (onig.startsWith("{^", i + 2)) {
                    out.append('\\').append(e == 'p' ? 'P' : 'p').append('{');
                    return i + 3;
                }
                out.append('\\').append(e);
            }
            default -> out.append('\\').append(e);
        }
        return i + 1;
    }

    /** Copies an inline flag group such as {@code (?i:} or {@code (?m)}, Ruby's m becoming Java's s. */
    private static int translateGroupFlags(String onig, int i, StringBuilder out) {
        int j = i + 2;
        while (j < onig.length() && "imx-".indexOf(onig.charAt(j)) >= 0) {
            j++;
        }
        if (j == i + 2 || j == onig.length() || (onig.charAt(j) != ')' && onig.charAt(j) != ':')) {
            out.append('(');
            return i;
        }
        out.append(onig, i, j).append(onig.charAt(j));
        for (int k = out.length() - (j - i) - 1; k < out.length(); k++) {
            if (out.charAt(k) == 'm') {
                out.setCharAt(k, 's');
            }
        }
        return j;
    }
}
