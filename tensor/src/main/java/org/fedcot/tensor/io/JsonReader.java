package org.fedcot.tensor.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of JSON a safetensors header uses: objects, arrays, strings (with every escape) and
 * integers. Objects become {@code LinkedHashMap<String, Object>} in document order, arrays
 * {@code List<Object>}, strings {@code String}, integers {@code Long}. Anything else (fractions,
 * {@code true}, {@code null}) is reported as malformed, with the character index where it starts.
 */
final class JsonReader {
    /** Deeper nesting than any real header; bounds recursion on hostile input. */
    private static final int MAX_DEPTH = 64;

    private final String source;
    private final String text;
    private int pos;

    private JsonReader(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * Parses {@code text} as one JSON value followed only by whitespace.
     *
     * @param source names the input in error messages (the file)
     */
    static Object parse(String source, String text) throws SafetensorsException {
        JsonReader r = new JsonReader(source, text);
        Object value = r.value(0);
        r.skipWhitespace();
        if (r.pos < text.length()) {
            throw r.error("unexpected " + r.describe(r.pos) + " after the end of the header object");
        }
        return value;
    }

    private Object value(int depth) throws SafetensorsException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of header, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield integer();
                }
                throw error("expected an object, array, string or integer but found " + describe(pos));
            }
        };
    }

    private Map<String, Object> object(int depth) throws SafetensorsException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key but found " + describe(pos));
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            if (map.put(key, value(depth + 1)) != null) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return map;
            } else {
                throw error("expected ',' or '}' but found " + describe(pos));
            }
        }
    }

    private List<Object> array(int depth) throws SafetensorsException {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return list;
            } else {
                throw error("expected ',' or ']' but found " + describe(pos));
            }
        }
    }

    private String string() throws SafetensorsException {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character " + describe(pos) + " inside a string");
            }
            sb.append(c == '\\' ? escape() : c);
        }
    }

    /** Decodes the escape after a backslash; a {@code \\uXXXX} surrogate pair is two calls, which is fine. */
    private char escape() throws SafetensorsException {
        if (pos >= text.length()) {
            throw error("unterminated escape");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> {
                pos--;
                throw error("invalid escape \\" + c);
            }
        };
    }

    private char unicodeEscape() throws SafetensorsException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos), 16);
            if (digit < 0) {
                throw error("invalid hex digit " + describe(pos) + " in \\u escape");
            }
            v = v * 16 + digit;
            pos++;
        }
        return (char) v;
    }

    private Long integer() throws SafetensorsException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digitsStart) {
            throw error("expected a digit but found " + describe(pos));
        }
        if (text.charAt(digitsStart) == '0' && pos - digitsStart > 1) {
            pos = digitsStart;
            throw error("integer with a leading zero");
        }
        char next = peek();
        if (next == '.' || next == 'e' || next == 'E') {
            throw error("only integers are supported, found " + describe(pos));
        }
        try {
            return Long.parseLong(text, start, pos, 10);
        } catch (NumberFormatException e) {
            String digits = text.substring(start, pos);
            pos = start;
            throw error("integer " + digits + " out of the 64-bit range");
        }
    }

    private void expect(char c) throws SafetensorsException {
        if (peek() != c) {
            throw error("expected '" + c + "' but found " + describe(pos));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The character at the cursor, or 0 at the end (never a valid token start). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "the end of the header";
        }
        char c = text.charAt(at);
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private SafetensorsException error(String what) {
        return new SafetensorsException(source + ": malformed header JSON at character " + pos + ": " + what);
    }
}
