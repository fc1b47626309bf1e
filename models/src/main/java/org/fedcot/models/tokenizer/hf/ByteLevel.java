package org.fedcot.models.tokenizer.hf;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible byte-to-character table: every byte value gets a printable character (bytes
 * that already are printable Latin-1 keep their own, the rest are moved to U+0100 and up), so that
 * a BPE vocabulary over characters covers every byte sequence.
 */
final class ByteLevel {
    /** One past the largest character in the table (256 + the 68 moved bytes). */
    private static final int CHAR_LIMIT = 256 + 68;

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[CHAR_LIMIT];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int moved = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            char c = (char) (printable ? b : 256 + moved++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    /** The character standing for byte {@code b} (0..255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b];
    }

    /** The byte that {@code c} stands for, or -1 when {@code c} is not in the table. */
    static int byteOf(char c) {
        return c < CHAR_LIMIT ? CHAR_TO_BYTE[c] : -1;
    }

    /** {@code text}'s UTF-8 bytes, each replaced by its character. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }
}
