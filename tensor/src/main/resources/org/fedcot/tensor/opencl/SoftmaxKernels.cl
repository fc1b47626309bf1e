// OpenCL C twins of org.fedcot.tensor.kernels.SoftmaxKernels: one work-item per row r in [lo, hi).

__kernel void softmaxForward(__global float* out, const int outOff, __global const float* x, const int xOff,
                             const int C, const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    int base = r * C;
    float mx = -INFINITY;
    for (int c = 0; c < C; c++) {
        mx = fmax(mx, x[xOff + base + c]);
    }
    float sum = 0.0f;
    for (int c = 0; c < C; c++) {
        float e = exp(x[xOff + base + c] - mx);
        out[outOff + base + c] = e;
        sum += e;
    }
    float inv = 1.0f / sum;
    for (int c = 0; c < C; c++) {
        out[outOff + base + c] *= inv;
    }
}

__kernel void softmaxBackward(__global float* dx, const int dxOff, __global const float* y, const int yOff,
                              __global const float* dout, const int doutOff, const int C, const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    int base = r * C;
    float dot = 0.0f;
    for (int c = 0; c < C; c++) {
        dot += dout[doutOff + base + c] * y[yOff + base + c];
    }
    for (int c = 0; c < C; c++) {
        dx[dxOff + base + c] += y[yOff + base + c] * (dout[doutOff + base + c] - dot);
    }
}
