package org.fedcot.llm.prompt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rewrites the few Jinja2 constructs chat templates use that Jinjava reads differently, into
 * equivalents it reads as Jinja2 does; text outside tags is left alone:
 * <ul>
 *   <li>keyword-argument values are parenthesised: Jinjava binds {@code =} tighter than binary
 *       operators, so {@code namespace(last=messages|length - 1)} would subtract from the argument
 *       itself;</li>
 *   <li>{@code x[::-1]} (slice steps are not parsed) becomes {@code (x|reverse)};</li>
 *   <li>one final newline of the template is dropped, as Jinja2 does without keep_trailing_newline.</li>
 * </ul>
 */
final class ChatTemplateSyntax {
    private static final String REVERSED = "[::-1]";

    private ChatTemplateSyntax() {}

    /** {@code source} with the rewrites above applied inside every {{ }} and {% %} tag. */
    static String forJinjava(String source) {
        String s = dropFinalNewline(source);
        StringBuilder out = new StringBuilder(s.length() + 64);
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('{', i);
            if (open < 0 || open + 1 >= s.length()) {
                out.append(s, i, s.length());
                break;
            }
            char kind = s.charAt(open + 1);
            if (kind != '{' && kind != '%' && kind != '#') {
                out.append(s, i, open + 1);
                i = open + 1;
                continue;
            }
            String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
            int end = closing(s, open + 2, close, kind != '#');
            out.append(s, i, open + 2);
            String body = s.substring(open + 2, end);
            out.append(kind == '#' || isMacro(body) ? body : rewrite(body));
            i = Math.min(end + 2, s.length());
            out.append(s, end, i);
        }
        return out.toString();
    }

    private static String dropFinalNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") || s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Where {@code close} ends the tag opened before {@code from}, skipping string literals in code. */
    private static int closing(String s, int from, String close, boolean code) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (code && (c == '\'' || c == '"')) {
                i = stringEnd(s, i);
            } else if (s.startsWith(close, i)) {
                return i;
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** Index just past the string literal starting at {@code i}. */
    private static int stringEnd(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != quote) {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, s.length());
    }

    /** Macro parameters' defaults ({@code macro f(x=1)}) are declarations, not calls: left as written. */
    private static boolean isMacro(String body) {
        String t = body.strip();
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1).strip();
        }
        return t.startsWith("macro ");
    }

    /** One tag's code with keyword arguments parenthesised and reversing slices replaced. */
    private static String rewrite(String code) {
        StringBuilder out = new StringBuilder(code.length() + 16);
        // per open bracket: whether a keyword argument's value is open in it (needing its ")")
        Deque<boolean[]> brackets = new ArrayDeque<>();
        Deque<Character> kinds = new ArrayDeque<>();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                int end = stringEnd(code, i);
                out.append(code, i, end);
                i = end;
                continue;
            }
            if (code.startsWith(REVERSED, i)) {
                reverseOperand(out);
                i += REVERSED.length();
                continue;
            }
            switch (c) {
                case '(', '[', '{' -> {
                    brackets.push(new boolean[1]);
                    kinds.push(c);
                    out.append(c);
                }
                case ')', ']', '}' -> {
                    closeKeywordValue(out, brackets);
                    if (!brackets.isEmpty()) {
                        brackets.pop();
                        kinds.pop();
                    }
                    out.append(c);
                }
                case ',' -> {
                    closeKeywordValue(out, brackets);
                    out.append(c);
                }
                case '=' -> {
                    boolean operator = i + 1 < code.length() && code.charAt(i + 1) == '='
                            || i > 0 && "=!<>".indexOf(code.charAt(i - 1)) >= 0;
                    if (!operator && !kinds.isEmpty() && kinds.peek() == '(' && followsArgumentName(out)) {
                        out.append("=(");
                        brackets.peek()[0] = true;
                    } else {
                        out.append(c);
                    }
                }
                default -> out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    private static void closeKeywordValue(StringBuilder out, Deque<boolean[]> brackets) {
        if (!brackets.isEmpty() && brackets.peek()[0]) {
            out.append(')');
            brackets.peek()[0] = false;
        }
    }

    /** Whether {@code out} ends with a name that opens an argument: after "(" or ",". */
    private static boolean followsArgumentName(StringBuilder out) {
        int p = out.length();
        while (p > 0 && Character.isWhitespace(out.charAt(p - 1))) {
            p--;
        }
        int nameEnd = p;
        while (p > 0 && (Character.isLetterOrDigit(out.charAt(p - 1)) || out.charAt(p - 1) == '_')) {
            p--;
        }
        if (p == nameEnd) {
            return false;
        }
        while (p > 0 && Character.isWhitespace(out.charAt(p - 1))) {
            p--;
        }
        return p > 0 && (out.charAt(p - 1) == '(' || out.charAt(p - 1) == ',');
    }

    /**
     * Wraps the operand at the end of {@code out} (a dotted name with calls and subscripts, or a string
     * literal) as {@code (x|reverse)}.
     */
    private static void reverseOperand(StringBuilder out) {
        int p = out.length();
        while (p > 0) {
            char c = out.charAt(p - 1);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                p--;
            } else if (c == ')' || c == ']') {
                p = opener(out, p - 1);
            } else if ((c == '\'' || c == '"') && p == out.length()) {
                p = Math.max(0, out.lastIndexOf(String.valueOf(c), p - 2)); // a string literal
                break;
            } else {
                break;
            }
        }
        if (p == out.length()) {
            out.append(REVERSED); // nothing to reverse: let Jinjava report the syntax
            return;
        }
        out.insert(p, '(').append("|reverse)");
    }

    /** Index of the bracket that the closing bracket at {@code close} matches (0 if unbalanced). */
    private static int opener(StringBuilder out, int close) {
        int depth = 0;
        for (int p = close; p >= 0; p--) {
            char c = out.charAt(p);
            if (c == ')' || c == ']') {
                depth++;
            } else if ((c == '(' || c == '[') && --depth == 0) {
                return p;
            }
        }
        return 0;
    }
}
