package org.fedcot.models.generate;

import java.nio.charset.StandardCharsets;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.llama2c.Llama2cTokenizer;

/**
 * Text exactly as llama2.c's run.c prints generated tokens (its {@code decode} and
 * {@code safe_printf}), for a llama2.c tokenizer: each token prints its piece; a piece following BOS
 * loses a leading space; a byte token {@code <0xNN>} prints its byte; a piece of a single byte prints
 * only if that byte is printable or white space in the C locale (so raw bytes of multi-byte
 * characters, and control bytes, print nothing).
 */
public final class RunCText implements ContinuationText {
    private final Tokenizer tokenizer;
    private final int bos;

    /** Rules for {@code tokenizer}, whose BOS id (1 for llama2.c) marks sequence starts. */
    public RunCText(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.bos = tokenizer
                .bosId()
                .orElseThrow(
                        () -> new IllegalArgumentException("run.c's output rules need a tokenizer with a BOS token"));
    }

    @Override
    public String of(int[] prompt, int[] generated) {
        return reader(prompt).addAll(generated);
    }

    /** Each token prints on its own, given the token before it: a reader appends one piece per token. */
    @Override
    public Reader reader(int[] prompt) {
        return new Reader() {
            private final StringBuilder out = new StringBuilder();
            private int prev = prompt.length == 0 ? bos : prompt[prompt.length - 1];

            @Override
            public String add(int id) {
                out.append(piece(prev, id));
                prev = id;
                return out.toString();
            }

            @Override
            public String text() {
                return out.toString();
            }
        };
    }

    private String piece(int prev, int id) {
        String piece = tokenizer.token(id);
        if (prev == bos && piece.startsWith(" ")) {
            piece = piece.substring(1);
        }
        int b = Llama2cTokenizer.rawByte(piece);
        if (b >= 0) {
            return printable(b) ? String.valueOf((char) b) : "";
        }
        byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
        return utf8.length == 1 && !printable(utf8[0] & 0xFF) ? "" : piece;
    }

    /** C's {@code isprint(b) || isspace(b)} in the "C" locale, which run.c never changes. */
    private static boolean printable(int b) {
        return (b >= 0x20 && b < 0x7F) || (b >= '\t' && b <= '\r');
    }
}
