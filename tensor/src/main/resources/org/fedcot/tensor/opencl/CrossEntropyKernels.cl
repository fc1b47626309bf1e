// OpenCL C twins of org.fedcot.tensor.kernels.CrossEntropyKernels: one work-item per row n in [lo, hi).

__kernel void crossEntropyForward(__global float* rowLoss, __global float* lse, __global const float* logits,
                                  const int logitsOff, __global const int* targets, const int V, const int ignoreIndex,
                                  const int lo, const int hi) {
    int n = lo + get_global_id(0);
    if (n >= hi) return;
    int base = logitsOff + n * V;
    float mx = -INFINITY;
    // x * 0 is 0 for finite x and NaN for NaN or +-infinity (which max and exp can hide)
    float nonFinite = 0.0f;
    for (int v = 0; v < V; v++) {
        float x = logits[base + v];
        mx = fmax(mx, x);
        nonFinite += x * 0.0f;
    }
    float sum = 0.0f;
    for (int v = 0; v < V; v++) {
        sum += exp(logits[base + v] - mx);
    }
    float l = mx + log(sum);
    lse[n] = l + nonFinite;
    int t = targets[n];
    rowLoss[n] = t == ignoreIndex ? 0.0f : l - logits[base + t];
}

__kernel void crossEntropyBackward(__global float* dlogits, const int dlogitsOff, __global const float* logits,
                                   const int logitsOff, __global const float* lse, __global const int* targets,
                                   __global const float* rowScale, const int V, const int accumulate,
                                   const int lo, const int hi) {
    int n = lo + get_global_id(0);
    if (n >= hi) return;
    int t = targets[n];
    float s = rowScale[n];
    float l = lse[n];
    for (int v = 0; v < V; v++) {
        float p = exp(logits[logitsOff + n * V + v] - l);
        float g = s * (p - (v == t ? 1.0f : 0.0f));
        int i = dlogitsOff + n * V + v;
        dlogits[i] = accumulate ? dlogits[i] + g : g;
    }
}
