// OpenCL C twins of org.fedcot.tensor.kernels.AttentionKernels: causal grouped-query attention,
// q and out [B, T, NH, D], k and v [B, T, NKV, D], att and dpre [B, NH, T, T]. Scale 1/sqrt(D).

// Fused forward, one work-item per query row idx = (b*NH + h)*T + t in [lo, hi): scores, softmax
// and the weighted sum of values in one pass over the row, keeping the probabilities for backward.
__kernel void attentionForward(__global float* out, const int outOff, __global float* att,
                               __global const float* q, const int qOff, __global const float* k, const int kOff,
                               __global const float* v, const int vOff, const int T, const int NH, const int NKV,
                               const int D, const int lo, const int hi) {
    int idx = lo + get_global_id(0);
    if (idx >= hi) return;
    float scale = 1.0f / sqrt((float) D);
    int group = NH / NKV;
    int t = idx % T;
    int h = (idx / T) % NH;
    int b = idx / (T * NH);
    int g = h / group;
    int qRow = qOff + ((b * T + t) * NH + h) * D;
    int attRow = idx * T;
    float mx = -INFINITY;
    for (int t2 = 0; t2 <= t; t2++) {
        int kRow = kOff + ((b * T + t2) * NKV + g) * D;
        float dot = 0.0f;
        for (int d = 0; d < D; d++) {
            dot += q[qRow + d] * k[kRow + d];
        }
        dot *= scale;
        att[attRow + t2] = dot;
        mx = fmax(mx, dot);
    }
    float sum = 0.0f;
    for (int t2 = 0; t2 <= t; t2++) {
        float e = exp(att[attRow + t2] - mx);
        att[attRow + t2] = e;
        sum += e;
    }
    float inv = 1.0f / sum;
    for (int t2 = 0; t2 < T; t2++) {
        att[attRow + t2] = t2 <= t ? att[attRow + t2] * inv : 0.0f;
    }
    int oRow = outOff + ((b * T + t) * NH + h) * D;
    for (int d = 0; d < D; d++) {
        out[oRow + d] = 0.0f;
    }
    for (int t2 = 0; t2 <= t; t2++) {
        int vRow = vOff + ((b * T + t2) * NKV + g) * D;
        float p = att[attRow + t2];
        for (int d = 0; d < D; d++) {
            out[oRow + d] += p * v[vRow + d];
        }
    }
}

// first half of backward, one work-item per query row: dpre (the scaled score gradient) and dq += dpre . k
__kernel void attentionBackwardQuery(__global float* dq, const int dqOff, __global float* dpre,
                                     __global const float* att, __global const float* dout, const int doutOff,
                                     __global const float* k, const int kOff, __global const float* v, const int vOff,
                                     const int T, const int NH, const int NKV, const int D, const int lo, const int hi) {
    int idx = lo + get_global_id(0);
    if (idx >= hi) return;
    float scale = 1.0f / sqrt((float) D);
    int group = NH / NKV;
    int t = idx % T;
    int h = (idx / T) % NH;
    int b = idx / (T * NH);
    int g = h / group;
    int oRow = doutOff + ((b * T + t) * NH + h) * D;
    int attRow = idx * T;
    float dot = 0.0f;
    for (int t2 = 0; t2 <= t; t2++) {
        int vRow = vOff + ((b * T + t2) * NKV + g) * D;
        float datt = 0.0f;
        for (int d = 0; d < D; d++) {
            datt += dout[oRow + d] * v[vRow + d];
        }
        dpre[attRow + t2] = datt;
        dot += datt * att[attRow + t2];
    }
    int qRow = dqOff + ((b * T + t) * NH + h) * D;
    for (int t2 = 0; t2 < T; t2++) {
        float ds = t2 <= t ? att[attRow + t2] * (dpre[attRow + t2] - dot) * scale : 0.0f;
        dpre[attRow + t2] = ds;
        if (t2 <= t) {
            int kRow = kOff + ((b * T + t2) * NKV + g) * D;
            for (int d = 0; d < D; d++) {
                dq[qRow + d] += ds * k[kRow + d];
            }
        }
    }
}

// second half, one work-item per key row idx = (b*T + t2)*NKV + g: each dk/dv row has one writer
__kernel void attentionBackwardKeyValue(__global float* dk, const int dkOff, __global float* dv, const int dvOff,
                                        __global const float* dpre, __global const float* att,
                                        __global const float* q, const int qOff, __global const float* dout,
                                        const int doutOff, const int T, const int NH, const int NKV, const int D,
                                        const int lo, const int hi) {
    int idx = lo + get_global_id(0);
    if (idx >= hi) return;
    int group = NH / NKV;
    int g = idx % NKV;
    int t2 = (idx / NKV) % T;
    int b = idx / (NKV * T);
    int kRow = idx * D;
    for (int h = g * group; h < (g + 1) * group; h++) {
        for (int t = t2; t < T; t++) {
            int attIdx = ((b * NH + h) * T + t) * T + t2;
            float ds = dpre[attIdx];
            float p = att[attIdx];
            int qRow = ((b * T + t) * NH + h) * D;
            for (int d = 0; d < D; d++) {
                dk[dkOff + kRow + d] += ds * q[qOff + qRow + d];
                dv[dvOff + kRow + d] += p * dout[doutOff + qRow + d];
            }
        }
    }
}
