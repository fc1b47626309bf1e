// OpenCL C twins of org.fedcot.tensor.kernels.NormKernels: input kernels run one work-item per row
// r in [lo, hi), parameter-gradient kernels one per channel c, so no two work-items write one element.

__kernel void layerNormForward(__global float* out, const int outOff, __global float* mean, __global float* rstd,
                               __global const float* x, const int xOff, __global const float* w, const int wOff,
                               __global const float* b, const int bOff, const int C, const float eps,
                               const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    int base = r * C;
    float m = 0.0f;
    for (int c = 0; c < C; c++) {
        m += x[xOff + base + c];
    }
    m /= C;
    float var = 0.0f;
    for (int c = 0; c < C; c++) {
        float d = x[xOff + base + c] - m;
        var += d * d;
    }
    var /= C;
    float s = 1.0f / sqrt(var + eps);
    for (int c = 0; c < C; c++) {
        out[outOff + base + c] = (x[xOff + base + c] - m) * s * w[wOff + c] + b[bOff + c];
    }
    mean[r] = m;
    rstd[r] = s;
}

__kernel void layerNormBackwardInput(__global float* dx, const int dxOff, __global const float* dout, const int doutOff,
                                     __global const float* x, const int xOff, __global const float* w, const int wOff,
                                     __global const float* mean, __global const float* rstd, const int C,
                                     const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    int base = r * C;
    float m = mean[r];
    float s = rstd[r];
    float gMean = 0.0f;
    float gxMean = 0.0f;
    for (int c = 0; c < C; c++) {
        float g = dout[doutOff + base + c] * w[wOff + c];
        gMean += g;
        gxMean += g * (x[xOff + base + c] - m) * s;
    }
    gMean /= C;
    gxMean /= C;
    for (int c = 0; c < C; c++) {
        float g = dout[doutOff + base + c] * w[wOff + c];
        float xhat = (x[xOff + base + c] - m) * s;
        dx[dxOff + base + c] += s * (g - gMean - xhat * gxMean);
    }
}

__kernel void layerNormBackwardParams(__global float* dw, const int dwOff, __global float* db, const int dbOff,
                                      __global const float* dout, const int doutOff, __global const float* x,
                                      const int xOff, __global const float* mean, __global const float* rstd,
                                      const int R, const int C, const int lo, const int hi) {
    int c = lo + get_global_id(0);
    if (c >= hi) return;
    float sw = 0.0f;
    float sb = 0.0f;
    for (int r = 0; r < R; r++) {
        float d = dout[doutOff + r * C + c];
        sw += d * (x[xOff + r * C + c] - mean[r]) * rstd[r];
        sb += d;
    }
    dw[dwOff + c] += sw;
    db[dbOff + c] += sb;
}

__kernel void rmsNormForward(__global float* out, const int outOff, __global float* rstd,
                             __global const float* x, const int xOff, __global const float* w, const int wOff,
                             const int C, const float eps, const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    int base = r * C;
    float ss = 0.0f;
    for (int c = 0; c < C; c++) {
        float v = x[xOff + base + c];
        ss += v * v;
    }
    float s = 1.0f / sqrt(ss / C + eps);
    for (int c = 0; c < C; c++) {
        out[outOff + base + c] = x[xOff + base + c] * s * w[wOff + c];
    }
    rstd[r] = s;
}

__kernel void rmsNormBackwardInput(__global float* dx, const int dxOff, __global const float* dout, const int doutOff,
                                   __global const float* x, const int xOff, __global const float* w, const int wOff,
                                   __global const float* rstd, const int C, const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    int base = r * C;
    float s = rstd[r];
    float gx = 0.0f;
    for (int c = 0; c < C; c++) {
        gx += dout[doutOff + base + c] * w[wOff + c] * x[xOff + base + c] * s;
    }
    gx /= C;
    for (int c = 0; c < C; c++) {
        float xhat = x[xOff + base + c] * s;
        dx[dxOff + base + c] += s * (dout[doutOff + base + c] * w[wOff + c] - xhat * gx);
    }
}

__kernel void rmsNormBackwardWeight(__global float* dw, const int dwOff, __global const float* dout, const int doutOff,
                                    __global const float* x, const int xOff, __global const float* rstd,
                                    const int R, const int C, const int lo, const int hi) {
    int c = lo + get_global_id(0);
    if (c >= hi) return;
    float sw = 0.0f;
    for (int r = 0; r < R; r++) {
        sw += dout[doutOff + r * C + c] * x[xOff + r * C + c] * rstd[r];
    }
    dw[dwOff + c] += sw;
}
