package org.fedcot.tensor;

/**
 * A frozen weight matrix [rows, cols], row-major, held as 16-bit floats (bfloat16 or IEEE half), two
 * bytes per value: how a checkpoint stored in bf16 keeps its frozen linear weights (the base of a LoRA
 * model) without a float32 copy. It has no gradient and takes part in no optimiser step; kernels widen
 * its values to float32 as they read them ({@link org.fedcot.tensor.ops.Linear#forward(Tensor, HalfWeight,
 * Tensor)}, {@link Backend#gemmHalf}).
 */
public final class HalfWeight {
    /** The 16-bit formats a weight can be held in. */
    public enum Format {
        /** bfloat16: the upper half of a float32 (8 exponent bits, 7 mantissa bits). */
        BF16,
        /** IEEE 754 binary16 (5 exponent bits, 10 mantissa bits). */
        F16;

        /** The float32 value of {@code bits}, exactly (every 16-bit value is a float32 value). */
        public float widen(short bits) {
            return this == BF16 ? Float.intBitsToFloat(bits << 16) : Float.float16ToFloat(bits);
        }

        /**
         * The 16-bit value nearest {@code v}, ties to even, as PyTorch's {@code .to(torch.bfloat16)} and
         * {@code .half()} round; NaN stays NaN.
         */
        public short narrow(float v) {
            if (this == F16) {
                return Float.floatToFloat16(v);
            }
            if (Float.isNaN(v)) {
                return (short) 0x7FC0;
            }
            int bits = Float.floatToRawIntBits(v);
            return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
        }
    }

    private final String name;
    private final Format format;
    private final int rows;
    private final int cols;
    private final short[] bits;

    /**
     * A zero-filled weight named {@code name} (its parameter name, for messages).
     *
     * @throws TensorOutOfMemoryError naming the weight when the heap cannot hold it
     */
    public HalfWeight(String name, Format format, int rows, int cols) {
        if (rows <= 0 || cols <= 0 || (long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    name + ": a half weight needs a positive shape of at most 2^31-1 values, not [" + rows + ", " + cols
                            + "]");
        }
        this.name = name;
        this.format = format;
        this.rows = rows;
        this.cols = cols;
        try {
            this.bits = new short[rows * cols];
        } catch (OutOfMemoryError e) {
            throw new TensorOutOfMemoryError(new int[] {rows, cols}, name, e);
        }
    }

    /** The parameter name it was made with. */
    public String name() {
        return name;
    }

    public Format format() {
        return format;
    }

    /** Its output count (PyTorch layout: {@code [out, in]}). */
    public int rows() {
        return rows;
    }

    /** Its input count. */
    public int cols() {
        return cols;
    }

    /** {@code [rows, cols]}. */
    public int[] shape() {
        return new int[] {rows, cols};
    }

    /** The stored values, row-major; kernels read them, loaders write them. */
    public short[] bits() {
        return bits;
    }

    /** Bytes the values take: two per value. */
    public long bytes() {
        return 2L * bits.length;
    }

    /** The value at {@code [row, col]}, widened. */
    public float get(int row, int col) {
        return format.widen(bits[row * cols + col]);
    }

    /**
     * A float32 tensor of the widened values: the whole weight in float32, for tests and references
     * only (kernels never make one).
     */
    public Tensor widened() {
        Tensor t = Tensor.zeros(rows, cols).named(name);
        float[] d = t.hostData();
        for (int i = 0; i < bits.length; i++) {
            d[i] = format.widen(bits[i]);
        }
        return t;
    }

    /** Rounds every value of {@code source} (of this weight's shape) into this weight's format. */
    public void narrowFrom(Tensor source) {
        Shapes.requireShape("half weight " + name, source, rows, cols);
        float[] s = source.hostData();
        for (int i = 0; i < bits.length; i++) {
            bits[i] = format.narrow(s[source.offset() + i]);
        }
    }
}
