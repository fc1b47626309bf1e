package org.fedcot.tensor.kernels;

/**
 * Portable matrix-multiply kernels. Every kernel here is a static method over primitive arrays and
 * ints whose parameters {@code lo, hi} bound its outermost, data-parallel loop (TornadoVM's subset;
 * the CPU backend splits that range over cores). Backward kernels accumulate into gradients.
 */
public final class MatmulKernels {
    private MatmulKernels() {}

    /**
     * General strided matrix product over rows {@code i in [lo, hi)} of C:
     * <pre>C[i][j] (+)= sum_k A(i,k) * B(k,j)</pre>
     * with {@code A(i,k) = transA ? a[aOff + k*lda + i] : a[aOff + i*lda + k]} and
     * {@code B(k,j) = transB ? b[bOff + j*ldb + k] : b[bOff + k*ldb + j]}, {@code C[i][j] = c[cOff + i*ldc + j]}.
     * {@code accumulate} adds to C instead of overwriting it.
     */
    public static void gemm(
            boolean transA,
            boolean transB,
            int M,
            int N,
            int K,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate,
            int lo,
            int hi) {
        for (int i = lo; i < hi; i++) {
            for (int j = 0; j < N; j++) {
                float sum = 0f;
                for (int k = 0; k < K; k++) {
                    float av = transA ? a[aOff + k * lda + i] : a[aOff + i * lda + k];
                    float bv = transB ? b[bOff + j * ldb + k] : b[bOff + k * ldb + j];
                    sum += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
            }
        }
    }

    /** {@code out[r][o] += bias[o]} for rows {@code r in [lo, hi)} of an R x OC row-major matrix. */
    public static void addBias(float[] out, int outOff, float[] bias, int biasOff, int OC, int lo, int hi) {
        for (int r = lo; r < hi; r++) {
            for (int o = 0; o < OC; o++) {
                out[outOff + r * OC + o] += bias[biasOff + o];
            }
        }
    }

    /** {@code dbias[o] += sum_r dout[r][o]} for columns {@code o in [lo, hi)}. */
    public static void biasBackward(
            float[] dbias, int dbiasOff, float[] dout, int doutOff, int R, int OC, int lo, int hi) {
        for (int o = lo; o < hi; o++) {
            float sum = 0f;
            for (int r = 0; r < R; r++) {
                sum += dout[doutOff + r * OC + o];
            }
            dbias[dbiasOff + o] += sum;
        }
    }
}
