package org.fedcot.tensor.kernels;

/** Portable element-wise kernels over {@code [lo, hi)}; backward kernels accumulate. */
public final class ElementwiseKernels {
    private ElementwiseKernels() {}

    /** {@code out[i] = a[i] + b[i]}. */
    public static void add(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** {@code out[i] = a[i] * b[i]}. */
    public static void mul(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    /** {@code out[i] = s * a[i]}. */
    public static void scale(float[] out, int outOff, float[] a, int aOff, float s, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            out[outOff + i] = s * a[aOff + i];
        }
    }

    /** {@code dst[i] += s * src[i]}: the backward of add (s = 1) and of scale. */
    public static void accumulateScaled(float[] dst, int dstOff, float[] src, int srcOff, float s, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dst[dstOff + i] += s * src[srcOff + i];
        }
    }

    /** {@code dst[i] += src[i] * other[i]}: the backward of mul for one operand. */
    public static void accumulateProduct(
            float[] dst, int dstOff, float[] src, int srcOff, float[] other, int otherOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dst[dstOff + i] += src[srcOff + i] * other[otherOff + i];
        }
    }

    /** {@code dst[i] += c}: the backward of a sum. */
    public static void addConstant(float[] dst, int dstOff, float c, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dst[dstOff + i] += c;
        }
    }
}
