// OpenCL C twin of org.fedcot.tensor.kernels.CachedAttentionKernels: new queries q [B, TN, NH, D]
// over key/value caches [B, S, NKV, D] filled for [0, pos + TN), with an online softmax.

// one work-item per query row idx = (b*TN + t)*NH + h in [lo, hi)
__kernel void attend(__global float* out, const int outOff, __global const float* q, const int qOff,
                     __global const float* kc, const int kOff, __global const float* vc, const int vOff,
                     const int TN, const int S, const int pos, const int NH, const int NKV, const int D,
                     const int lo, const int hi) {
    int idx = lo + get_global_id(0);
    if (idx >= hi) return;
    float scale = 1.0f / sqrt((float) D);
    int group = NH / NKV;
    int h = idx % NH;
    int t = (idx / NH) % TN;
    int b = idx / (NH * TN);
    int g = h / group;
    int qRow = qOff + idx * D;
    int oRow = outOff + idx * D;
    for (int d = 0; d < D; d++) {
        out[oRow + d] = 0.0f;
    }
    float mx = -INFINITY;
    float sum = 0.0f;
    int last = pos + t;
    for (int s = 0; s <= last; s++) {
        int kvRow = ((b * S + s) * NKV + g) * D;
        float dot = 0.0f;
        for (int d = 0; d < D; d++) {
            dot += q[qRow + d] * kc[kOff + kvRow + d];
        }
        dot *= scale;
        if (dot > mx) {
            // a new maximum: rescale what was summed against the old one (exp(-inf) = 0 at s = 0)
            float c = exp(mx - dot);
            sum *= c;
            for (int d = 0; d < D; d++) {
                out[oRow + d] *= c;
            }
            mx = dot;
        }
        float p = exp(dot - mx);
        sum += p;
        for (int d = 0; d < D; d++) {
            out[oRow + d] += p * vc[vOff + kvRow + d];
        }
    }
    float inv = 1.0f / sum;
    for (int d = 0; d < D; d++) {
        out[oRow + d] *= inv;
    }
}
