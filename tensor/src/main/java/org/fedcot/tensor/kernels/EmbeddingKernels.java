package org.fedcot.tensor.kernels;

/** Portable embedding lookup: rows of a [V, C] table gathered by token id. */
public final class EmbeddingKernels {
    private EmbeddingKernels() {}

    /** {@code out[n] = table[ids[n]]} for n in [lo, hi). Ids are validated by the caller. */
    public static void embeddingForward(
            float[] out, int outOff, float[] table, int tableOff, int[] ids, int C, int lo, int hi) {
        for (int n = lo; n < hi; n++) {
            int src = tableOff + ids[n] * C;
            for (int c = 0; c < C; c++) {
                out[outOff + n * C + c] = table[src + c];
            }
        }
    }

    /** {@code dtable[ids[n]][c] += dout[n][c]}, parallel over channels c in [lo, hi) so repeated ids never race. */
    public static void embeddingBackward(
            float[] dtable, int dtableOff, float[] dout, int doutOff, int[] ids, int N, int C, int lo, int hi) {
        for (int c = lo; c < hi; c++) {
            for (int n = 0; n < N; n++) {
                dtable[dtableOff + ids[n] * C + c] += dout[doutOff + n * C + c];
            }
        }
    }
}
