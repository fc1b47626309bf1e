// OpenCL C twins of org.fedcot.tensor.kernels.DropoutKernels: the same splitmix64 mask of (seed, i),
// so both backends drop the same elements. One work-item per element i in [lo, hi).

// a uniform float in [0, 1) with 24 random bits; unsigned arithmetic wraps as Java's long does
float uniform(ulong seed, int i) {
    ulong z = seed + (ulong) (i + 1L) * 0x9E3779B97F4A7C15UL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    z ^= z >> 31;
    return (float) (z >> 40) * 0x1.0p-24f;
}

__kernel void dropoutForward(__global float* out, const int outOff, __global const float* x, const int xOff,
                             const float p, const long seed, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float scale = 1.0f / (1.0f - p);
    out[outOff + i] = uniform((ulong) seed, i) >= p ? x[xOff + i] * scale : 0.0f;
}

__kernel void dropoutBackward(__global float* dx, const int dxOff, __global const float* dout, const int doutOff,
                              const float p, const long seed, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float scale = 1.0f / (1.0f - p);
    if (uniform((ulong) seed, i) >= p) {
        dx[dxOff + i] += dout[doutOff + i] * scale;
    }
}
