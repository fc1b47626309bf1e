// OpenCL C twins of org.fedcot.tensor.kernels.ElementwiseKernels: one work-item per element i in [lo, hi).

__kernel void add(__global float* out, const int outOff, __global const float* a, const int aOff,
                  __global const float* b, const int bOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    out[outOff + i] = a[aOff + i] + b[bOff + i];
}

__kernel void mul(__global float* out, const int outOff, __global const float* a, const int aOff,
                  __global const float* b, const int bOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    out[outOff + i] = a[aOff + i] * b[bOff + i];
}

__kernel void scale(__global float* out, const int outOff, __global const float* a, const int aOff, const float s,
                    const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    out[outOff + i] = s * a[aOff + i];
}

__kernel void accumulateScaled(__global float* dst, const int dstOff, __global const float* src, const int srcOff,
                               const float s, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    dst[dstOff + i] += s * src[srcOff + i];
}

__kernel void accumulateProduct(__global float* dst, const int dstOff, __global const float* src, const int srcOff,
                                __global const float* other, const int otherOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    dst[dstOff + i] += src[srcOff + i] * other[otherOff + i];
}

__kernel void addConstant(__global float* dst, const int dstOff, const float c, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    dst[dstOff + i] += c;
}
