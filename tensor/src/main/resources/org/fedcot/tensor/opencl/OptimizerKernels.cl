// OpenCL C twins of org.fedcot.tensor.kernels.OptimizerKernels.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// one AdamW step of element i in [lo, hi), in torch.optim.AdamW's order (see the Java kernel)
__kernel void adamw(__global float* p, const int pOff, __global const float* g, const int gOff,
                    __global float* m, const int mOff, __global float* v, const int vOff,
                    const float decay, const float beta1, const float oneMinusBeta1, const float beta2,
                    const float oneMinusBeta2, const float eps, const float stepSize, const float bias2Sqrt,
                    const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float grad = g[gOff + i];
    float mi = m[mOff + i] * beta1 + oneMinusBeta1 * grad;
    float vi = v[vOff + i] * beta2 + oneMinusBeta2 * grad * grad;
    m[mOff + i] = mi;
    v[vOff + i] = vi;
    float denom = sqrt(vi) / bias2Sqrt + eps;
    p[pOff + i] = p[pOff + i] * decay - stepSize * mi / denom;
}

// partials[c] = sum of x[i]^2 over chunk c in [lo, hi), in double
__kernel void sumSquaresPartial(__global const float* x, const int off, const int n, const int chunk,
                                __global double* partials, const int lo, const int hi) {
    int c = lo + get_global_id(0);
    if (c >= hi) return;
    int start = c * chunk;
    int end = min(n, start + chunk);
    double sum = 0.0;
    for (int i = start; i < end; i++) {
        double xi = x[off + i];
        sum += xi * xi;
    }
    partials[c] = sum;
}

__kernel void scale(__global float* x, const int off, const float s, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    x[off + i] *= s;
}
