package org.fedcot.tensor.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Decodes little-endian F32, F16 and BF16 elements of a mapped file into a {@code float[]}. */
final class FloatDecoder {
    // Unaligned layouts: safetensors only guarantees alignment to the element size, and not every writer honours it.
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private FloatDecoder() {}

    /**
     * Decodes {@code count} elements of {@code dtype} starting at byte {@code from} of {@code src}
     * into {@code dest[destOffset..]}.
     */
    static void decode(Dtype dtype, MemorySegment src, long from, float[] dest, int destOffset, int count) {
        switch (dtype) {
            case F32 -> MemorySegment.copy(src, F32, from, dest, destOffset, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dest[destOffset + i] = Float.float16ToFloat(src.get(HALF, from + 2L * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    // bfloat16 is the upper half of a float32, so widening is a shift.
                    dest[destOffset + i] = Float.intBitsToFloat(src.get(HALF, from + 2L * i) << 16);
                }
            }
            default -> throw new IllegalArgumentException("dtype " + dtype + " is not decodable as float32");
        }
    }
}
