package org.fedcot.tensor.io;

import java.util.Arrays;

/**
 * One tensor listed in a safetensors header.
 *
 * @param name  the tensor's name in the file
 * @param dtype its element type
 * @param shape its dimensions, row-major
 * @param begin first byte of its data, relative to the first byte after the header
 * @param end   one past its last byte, relative to the first byte after the header
 */
public record SafetensorsEntry(String name, Dtype dtype, int[] shape, long begin, long end) {

    /** Copies {@code shape} so the record stays immutable. */
    public SafetensorsEntry {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements (the product of the dimensions). */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes of data, {@code end - begin}. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafetensorsEntry e
                && name.equals(e.name)
                && dtype == e.dtype
                && Arrays.equals(shape, e.shape)
                && begin == e.begin
                && end == e.end;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
