// OpenCL C twins of org.fedcot.tensor.kernels.SliceKernels: one work-item per row r in [lo, hi).

__kernel void sliceForward(__global float* out, const int outOff, __global const float* x, const int xOff,
                           const int W, const int from, const int w, const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    for (int j = 0; j < w; j++) {
        out[outOff + r * w + j] = x[xOff + r * W + from + j];
    }
}

__kernel void sliceBackward(__global float* dx, const int dxOff, __global const float* dout, const int doutOff,
                            const int W, const int from, const int w, const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    for (int j = 0; j < w; j++) {
        dx[dxOff + r * W + from + j] += dout[doutOff + r * w + j];
    }
}
