package org.fedcot.models.tokenizer.hf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the TSV fixtures under {@code tokenizer/hf/} that {@code src/test/node/make_hf_references.mjs}
 * writes: comment lines start with '#', fields are tab-separated and escaped (backslash escapes
 * for backslash, tab, newline, carriage return and {@code \\uXXXX}).
 */
final class Fixtures {
    private Fixtures() {}

    /** The rows of a fixture resource, each split into its unescaped fields. */
    static List<String[]> rows(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/tokenizer/hf/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource tokenizer/hf/" + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> Arrays.stream(line.split("\t", -1))
                            .map(Fixtures::unescape)
                            .toArray(String[]::new))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Space-separated ids; the empty string is no ids. */
    static int[] ids(String field) {
        return field.isEmpty()
                ? new int[0]
                : Arrays.stream(field.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = field.charAt(++i);
            switch (e) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(field.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
