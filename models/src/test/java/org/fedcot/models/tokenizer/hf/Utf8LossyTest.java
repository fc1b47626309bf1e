package org.fedcot.models.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One U+FFFD per maximal invalid subsequence, as Rust's from_utf8_lossy and WHATWG's decoder. */
class Utf8LossyTest {

    @Test
    void validTextIsUnchanged() {
        String text = "naïve café 😀 日本語";
        assertEquals(text, Utf8Lossy.decode(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void unicodeStandardExample() {
        // The Unicode Standard's table 3-8 example: "a" F1 80 80, E1 80, C2, "b" 80, "c" 80 BF, "d".
        assertEquals(
                "a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd",
                decode(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64));
    }

    @Test
    void surrogatesOverlongsAndOutOfRange() {
        assertEquals("\uFFFD\uFFFD\uFFFD", decode(0xED, 0xA0, 0x80)); // the JDK gives one U+FFFD here
        assertEquals("\uFFFD\uFFFD", decode(0xC0, 0x80));
        assertEquals("\uFFFD\uFFFD\uFFFD", decode(0xE0, 0x80, 0x80));
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", decode(0xF4, 0x90, 0x80, 0x80));
        assertEquals("\uFFFD", decode(0xF5));
    }

    @Test
    void truncatedCharacterIsOneReplacement() {
        assertEquals("x\uFFFD", decode(0x78, 0xF0, 0x9F, 0x98));
        assertEquals("\uFFFDy", decode(0xE2, 0x82, 0x79));
    }

    private static String decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8Lossy.decode(b);
    }
}
