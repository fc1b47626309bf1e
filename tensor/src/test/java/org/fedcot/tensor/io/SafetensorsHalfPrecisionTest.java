package org.fedcot.tensor.io;

import static org.fedcot.tensor.io.BitAssertions.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F16 and BF16 decoding, checked against bit patterns whose values were worked out by hand. */
class SafetensorsHalfPrecisionTest {
    // F16: sign | 5-bit exponent (bias 15) | 10-bit mantissa.
    private static final int[] F16_BITS = {
        0x3C00, // 1.0
        0xC000, // -2.0
        0x3555, // 2^-2 * (1 + 341/1024) = 1365/4096
        0x7BFF, // largest finite: 2^15 * (2 - 2^-10) = 65504
        0x0400, // smallest normal: 2^-14
        0x0001, // smallest subnormal: 2^-24
        0x03FF, // largest subnormal: 1023 * 2^-24
        0x8000, // -0.0
        0x7C00, // +inf
        0xFC00, // -inf
        0x7E00, // NaN
    };
    private static final float[] F16_VALUES = {
        1f,
        -2f,
        1365f / 4096f,
        65504f,
        Math.scalb(1f, -14),
        Math.scalb(1f, -24),
        1023f * Math.scalb(1f, -24),
        -0f,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.NaN,
    };

    // BF16: the upper 16 bits of a float32 (8-bit exponent, bias 127, 7-bit mantissa).
    private static final int[] BF16_BITS = {
        0x3F80, // 1.0
        0xC000, // -2.0
        0x4049, // 2^1 * (1 + 73/128) = 201/64
        0x7F7F, // largest finite: 2^127 * (1 + 127/128) = 255 * 2^120
        0x0080, // smallest normal float: 2^-126
        0x0001, // float bits 0x00010000: a subnormal, 2^16 * 2^-149 = 2^-133
        0x8000, // -0.0
        0x7F80, // +inf
        0xFF80, // -inf
        0x7FC0, // NaN
    };
    private static final float[] BF16_VALUES = {
        1f,
        -2f,
        201f / 64f,
        255f * Math.scalb(1f, 120),
        Math.scalb(1f, -126),
        Math.scalb(1f, -133),
        -0f,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.NaN,
    };

    @TempDir
    Path dir;

    @Test
    void decodesF16AndBf16BitPatterns() throws IOException {
        // 11 F16 values take 22 bytes, so the BF16 tensor starts at a 2-but-not-4-aligned offset.
        String header = "{\"half\":{\"dtype\":\"F16\",\"shape\":[11],\"data_offsets\":[0,22]},"
                + "\"brain\":{\"dtype\":\"BF16\",\"shape\":[2,5],\"data_offsets\":[22,42]}}";
        Path file = TestFiles.write(
                dir,
                "halves.safetensors",
                header,
                TestFiles.concat(TestFiles.le16(F16_BITS), TestFiles.le16(BF16_BITS)));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Tensor half = f.read("half", 11);
            Tensor brain = f.read("brain", 2, 5);
            assertEquals("half", half.name());
            assertEquals(Dtype.BF16, f.entry("brain").dtype());
            assertBitsEqual(F16_VALUES, half.toArray());
            assertBitsEqual(BF16_VALUES, brain.toArray());
        }
    }

    @Test
    void readIntoDecodesHalvesAtAnOffset() throws IOException {
        String header = "{\"half\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        Path file = TestFiles.write(dir, "small.safetensors", header, TestFiles.le16(0x3C00, 0xC000));
        float[] flat = new float[5];
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            f.readInto("half", flat, 2);
        }
        assertArrayEquals(new float[] {0f, 0f, 1f, -2f, 0f}, flat);
    }
}
