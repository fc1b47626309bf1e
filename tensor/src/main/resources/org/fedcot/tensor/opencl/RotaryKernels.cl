// OpenCL C twins of org.fedcot.tensor.kernels.RotaryKernels (x laid out [B, T, H, D]).
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// cos and sin of pair i's angle at position posOffset + t, one work-item per idx = t * (rotDim/2) + i;
// in double as the Java kernel, since an inverse frequency off by an ulp turns far positions visibly
__kernel void ropeTable(__global float* cos_, __global float* sin_, const int rotDim, const float theta,
                        const int posOffset, const int lo, const int hi) {
    int idx = lo + get_global_id(0);
    if (idx >= hi) return;
    int half_ = rotDim / 2;
    int i = idx % half_;
    int pos = posOffset + idx / half_;
    float invFreq = (float) (1.0 / pow((double) theta, (2.0 * i) / rotDim));
    float angle = pos * invFreq;
    cos_[idx] = (float) cos((double) angle);
    sin_[idx] = (float) sin((double) angle);
}

// rotates each pair of head row `row` by direction * angle; writes or accumulates into dst
void rotate(__global float* dst, int dstOff, __global const float* src, int srcOff,
            __global const float* cosTable, __global const float* sinTable, int T, int H, int D, int rotDim,
            int interleaved, float direction, int accumulate, int row) {
    int half_ = rotDim / 2;
    int angles = ((row / H) % T) * half_;
    int base = row * D;
    for (int i = 0; i < half_; i++) {
        float c = cosTable[angles + i];
        float s = direction * sinTable[angles + i];
        int a = interleaved ? 2 * i : i;
        int b = interleaved ? 2 * i + 1 : i + half_;
        float x0 = src[srcOff + base + a];
        float x1 = src[srcOff + base + b];
        float y0 = x0 * c - x1 * s;
        float y1 = x1 * c + x0 * s;
        dst[dstOff + base + a] = accumulate ? dst[dstOff + base + a] + y0 : y0;
        dst[dstOff + base + b] = accumulate ? dst[dstOff + base + b] + y1 : y1;
    }
    for (int d = 2 * half_; d < D; d++) {
        float v = src[srcOff + base + d];
        dst[dstOff + base + d] = accumulate ? dst[dstOff + base + d] + v : v;
    }
}

// out = R x, one work-item per head row in [lo, hi)
__kernel void ropeForward(__global float* out, const int outOff, __global const float* x, const int xOff,
                          __global const float* cos_, __global const float* sin_, const int T, const int H,
                          const int D, const int rotDim, const int interleaved, const int lo, const int hi) {
    int row = lo + get_global_id(0);
    if (row >= hi) return;
    rotate(out, outOff, x, xOff, cos_, sin_, T, H, D, rotDim, interleaved, 1.0f, 0, row);
}

// dx (+)= R^T dout
__kernel void ropeBackward(__global float* dx, const int dxOff, __global const float* dout, const int doutOff,
                           __global const float* cos_, __global const float* sin_, const int T, const int H,
                           const int D, const int rotDim, const int interleaved, const int accumulate,
                           const int lo, const int hi) {
    int row = lo + get_global_id(0);
    if (row >= hi) return;
    rotate(dx, dxOff, dout, doutOff, cos_, sin_, T, H, D, rotDim, interleaved, -1.0f, accumulate, row);
}
