// OpenCL C twins of org.fedcot.tensor.kernels.MatmulKernels: same names, same arguments (booleans
// as ints); the parallel index [lo, hi) of the Java kernel is the global id offset by lo.

#define TILE 64              // a work-group computes a TILE x TILE block of C
#define TK 16                // ... stepping through K this many at a time
#define THREADS 16           // work-items per side of the work-group
#define PER (TILE / THREADS) // each work-item keeps a PER x PER block of C in registers

// C[i][j] (+)= sum_k A(i,k) * B(k,j) for rows i in [lo, hi), in tiles: each work-group stages a
// TK-deep slice of its A rows and B columns in local memory, and every work-item reads them from
// there PER times, so global memory is read TILE / PER times less than by the naive loop. Work-item
// (tx, ty) owns rows ty + r*THREADS and columns tx + s*THREADS, so neighbours write neighbours. The
// sum runs over k in order, as in the Java kernel.
__kernel __attribute__((reqd_work_group_size(THREADS, THREADS, 1)))
void gemm(const int transA, const int transB, const int M, const int N, const int K,
          __global const float* a, const int aOff, const int lda,
          __global const float* b, const int bOff, const int ldb,
          __global float* c, const int cOff, const int ldc, const int accumulate,
          const int lo, const int hi) {
    __local float As[TK][TILE]; // As[k][i] = A(row0 + i, k0 + k)
    __local float Bs[TK][TILE]; // Bs[k][j] = B(k0 + k, col0 + j)
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int tid = ty * THREADS + tx;
    const int row0 = lo + get_group_id(1) * TILE;
    const int col0 = get_group_id(0) * TILE;
    float acc[PER][PER];
    for (int r = 0; r < PER; r++) {
        for (int s = 0; s < PER; s++) {
            acc[r][s] = 0.0f;
        }
    }
    for (int k0 = 0; k0 < K; k0 += TK) {
        // neighbouring work-items load neighbouring addresses whichever way A and B are stored
        for (int l = tid; l < TK * TILE; l += THREADS * THREADS) {
            int ii = transA ? l % TILE : l / TK;
            int ka = transA ? l / TILE : l % TK;
            int gi = row0 + ii;
            int gk = k0 + ka;
            As[ka][ii] = (gi < hi && gk < K) ? (transA ? a[aOff + gk * lda + gi] : a[aOff + gi * lda + gk]) : 0.0f;
            int jj = transB ? l / TK : l % TILE;
            int kb = transB ? l % TK : l / TILE;
            int gj = col0 + jj;
            gk = k0 + kb;
            Bs[kb][jj] = (gj < N && gk < K) ? (transB ? b[bOff + gj * ldb + gk] : b[bOff + gk * ldb + gj]) : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int k = 0; k < TK; k++) {
            float ar[PER];
            float br[PER];
            for (int r = 0; r < PER; r++) {
                ar[r] = As[k][ty + r * THREADS];
                br[r] = Bs[k][tx + r * THREADS];
            }
            for (int r = 0; r < PER; r++) {
                for (int s = 0; s < PER; s++) {
                    acc[r][s] += ar[r] * br[s];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int r = 0; r < PER; r++) {
        int i = row0 + ty + r * THREADS;
        for (int s = 0; s < PER; s++) {
            int j = col0 + tx + s * THREADS;
            if (i < hi && j < N) {
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + acc[r][s] : acc[r][s];
            }
        }
    }
}

// out[r][o] += bias[o] for rows r in [lo, hi)
__kernel void addBias(__global float* out, const int outOff, __global const float* bias, const int biasOff,
                      const int OC, const int lo, const int hi) {
    int r = lo + get_global_id(0);
    if (r >= hi) return;
    for (int o = 0; o < OC; o++) {
        out[outOff + r * OC + o] += bias[biasOff + o];
    }
}

// dbias[o] += sum_r dout[r][o] for columns o in [lo, hi)
__kernel void biasBackward(__global float* dbias, const int dbiasOff, __global const float* dout, const int doutOff,
                           const int R, const int OC, const int lo, const int hi) {
    int o = lo + get_global_id(0);
    if (o >= hi) return;
    float sum = 0.0f;
    for (int r = 0; r < R; r++) {
        sum += dout[doutOff + r * OC + o];
    }
    dbias[dbiasOff + o] += sum;
}
