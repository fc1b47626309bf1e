// OpenCL C twins of org.fedcot.tensor.kernels.EmbeddingKernels.

// out[n] = table[ids[n]], one work-item per token n in [lo, hi)
__kernel void embeddingForward(__global float* out, const int outOff, __global const float* table, const int tableOff,
                               __global const int* ids, const int C, const int lo, const int hi) {
    int n = lo + get_global_id(0);
    if (n >= hi) return;
    int src = tableOff + ids[n] * C;
    for (int c = 0; c < C; c++) {
        out[outOff + n * C + c] = table[src + c];
    }
}

// dtable[ids[n]][c] += dout[n][c], one work-item per channel c in [lo, hi), so repeated ids never race
__kernel void embeddingBackward(__global float* dtable, const int dtableOff, __global const float* dout,
                                const int doutOff, __global const int* ids, const int N, const int C,
                                const int lo, const int hi) {
    int c = lo + get_global_id(0);
    if (c >= hi) return;
    for (int n = 0; n < N; n++) {
        dtable[dtableOff + ids[n] * C + c] += dout[doutOff + n * C + c];
    }
}
