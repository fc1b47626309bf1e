package org.fedcot.models.tokenizer.hf;

/**
 * UTF-8 to text with U+FFFD for each maximal invalid subsequence, the Unicode-recommended
 * practice that Rust's {@code String::from_utf8_lossy} (and so Hugging Face's decoders) follows.
 * The JDK's decoder differs on some inputs (it turns an encoded surrogate {@code ED A0 80} into
 * one U+FFFD where the practice gives three), hence this class.
 */
final class Utf8Lossy {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8Lossy() {}

    static String decode(byte[] bytes) {
        int length = bytes.length;
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int needed = continuationCount(lead);
            int cp = needed == 1 ? lead & 0x1F : needed == 2 ? lead & 0x0F : lead & 0x07;
            int consumed = 1;
            boolean valid = needed > 0;
            while (valid && consumed <= needed) {
                int at = i + consumed;
                if (at >= length || !inRange(lead, consumed, bytes[at] & 0xFF)) {
                    valid = false;
                } else {
                    cp = (cp << 6) | (bytes[at] & 0x3F);
                    consumed++;
                }
            }
            if (valid) {
                out.appendCodePoint(cp);
            } else {
                // The bytes read so far form one maximal subpart: one replacement, then go on
                // from the byte that broke the sequence.
                out.append(REPLACEMENT);
            }
            i += consumed;
        }
        return out.toString();
    }

    /** Continuation bytes a lead byte announces; 0 for bytes that cannot start a character. */
    private static int continuationCount(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 1;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 2;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 3;
        }
        return 0;
    }

    /**
     * Whether {@code b} may be continuation byte number {@code position} (1-based) after
     * {@code lead}; the second byte's range excludes overlongs, surrogates and values past U+10FFFF.
     */
    private static boolean inRange(int lead, int position, int b) {
        if (position == 1) {
            return switch (lead) {
                case 0xE0 -> b >= 0xA0 && b <= 0xBF;
                case 0xED -> b >= 0x80 && b <= 0x9F;
                case 0xF0 -> b >= 0x90 && b <= 0xBF;
                case 0xF4 -> b >= 0x80 && b <= 0x8F;
                default -> b >= 0x80 && b <= 0xBF;
            };
        }
        return b >= 0x80 && b <= 0xBF;
    }
}
