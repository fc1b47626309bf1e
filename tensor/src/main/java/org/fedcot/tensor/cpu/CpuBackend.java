package org.fedcot.tensor.cpu;

import java.util.Arrays;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.kernels.Kernel;

/**
 * The CPU backend: runs each portable kernel with its parallel index split over the cores, and
 * swaps in a Vector API fast path where one exists (gemm, attention, cross-entropy, SwiGLU).
 * {@code -Dfedcot.cpu.portable=true} forces the portable kernels everywhere (the reference the fast
 * paths are tested against).
 *
 * <p>Each kernel is bound once ({@link KernelBinder}) to the argument list ops pass to every backend,
 * so the CPU runs exactly the arguments a device would get.
 */
public final class CpuBackend implements Backend {
    private static final boolean PORTABLE_ONLY = Boolean.getBoolean("fedcot.cpu.portable");

    /** The one CPU backend, in use unless another was chosen (declared last: its constructor reads the above). */
    public static final CpuBackend INSTANCE = new CpuBackend();

    /** Per kernel, by ordinal. */
    private final BoundKernel[] bound;

    private CpuBackend() {
        Kernel[] kernels = Kernel.values();
        bound = new BoundKernel[kernels.length];
        for (Kernel k : kernels) {
            bound[k.ordinal()] = KernelBinder.bind(k);
        }
    }

    @Override
    public String description() {
        return "cpu (" + Parallel.threads() + " threads)";
    }

    @Override
    public boolean onHost() {
        return true;
    }

    @Override
    public void launch(Kernel kernel, int n, long cost, Object... args) {
        BoundKernel k = bound[kernel.ordinal()];
        Parallel.forRange(n, cost, (lo, hi) -> k.run(args, lo, hi));
    }

    @Override
    public void require(Kernel kernel) {
        if (bound[kernel.ordinal()] == null) {
            throw new IllegalStateException("cpu backend: kernel " + kernel + " is not bound");
        }
    }

    @Override
    public void gemm(
            boolean transA,
            boolean transB,
            int M,
            int N,
            int K,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (!PORTABLE_ONLY && Gemv.applies(transA, transB, M)) {
            Gemv.gemm(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        if (!PORTABLE_ONLY && Sgemm.worthIt(M, N, K)) {
            Sgemm.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        Backend.super.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** Through {@link HalfGemm}, which widens a slab of the weight at a time and multiplies it as {@link #gemm} does. */
    @Override
    public void gemmHalf(
            boolean transW,
            int M,
            int N,
            int K,
            float[] a,
            int aOff,
            int lda,
            HalfWeight w,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        HalfGemm.gemm(transW, M, N, K, a, aOff, lda, w, c, cOff, ldc, accumulate);
    }

    @Override
    public void swigluForward(float[] out, float[] gate, int gateOff, float[] up, int upOff, int n) {
        if (PORTABLE_ONLY) {
            Backend.super.swigluForward(out, gate, gateOff, up, upOff, n);
        } else {
            FastSwiglu.forward(out, gate, gateOff, up, upOff, n);
        }
    }

    @Override
    public void attentionForward(
            float[] out,
            float[] att,
            float[] q,
            int qOff,
            float[] k,
            int kOff,
            float[] v,
            int vOff,
            int B,
            int T,
            int NH,
            int NKV,
            int D) {
        if (!PORTABLE_ONLY && FastAttention.worthIt(T, D)) {
            FastAttention.forward(out, att, q, qOff, k, kOff, v, vOff, B, T, NH, NKV, D);
            return;
        }
        Backend.super.attentionForward(out, att, q, qOff, k, kOff, v, vOff, B, T, NH, NKV, D);
    }

    @Override
    public void cachedAttention(
            float[] out,
            float[] q,
            int qOff,
            float[] kc,
            int kOff,
            float[] vc,
            int vOff,
            int B,
            int TN,
            int S,
            int pos,
            int NH,
            int NKV,
            int D) {
        if (!PORTABLE_ONLY && FastCachedAttention.worthIt(D)) {
            FastCachedAttention.attend(out, q, qOff, kc, kOff, vc, vOff, B, TN, S, pos, NH, NKV, D);
            return;
        }
        Backend.super.cachedAttention(out, q, qOff, kc, kOff, vc, vOff, B, TN, S, pos, NH, NKV, D);
    }

    @Override
    public void cachedAttentionRows(
            float[] out,
            float[] q,
            int qOff,
            float[][] kc,
            int[] kOff,
            float[][] vc,
            int[] vOff,
            int[] capacity,
            int[] pos,
            int NH,
            int NKV,
            int D) {
        if (!PORTABLE_ONLY && FastCachedAttention.worthIt(D)) {
            FastCachedAttention.attendRows(out, q, qOff, kc, kOff, vc, vOff, capacity, pos, NH, NKV, D);
            return;
        }
        Backend.super.cachedAttentionRows(out, q, qOff, kc, kOff, vc, vOff, capacity, pos, NH, NKV, D);
    }

    @Override
    public void attentionBackward(
            float[] dq,
            int dqOff,
            float[] dk,
            int dkOff,
            float[] dv,
            int dvOff,
            float[] dpre,
            float[] att,
            float[] dout,
            int doutOff,
            float[] q,
            int qOff,
            float[] k,
            int kOff,
            float[] v,
            int vOff,
            int B,
            int T,
            int NH,
            int NKV,
            int D) {
        if (!PORTABLE_ONLY && FastAttention.worthIt(T, D)) {
            FastAttention.backward(
                    dq, dqOff, dk, dkOff, dv, dvOff, dpre, att, dout, doutOff, q, qOff, k, kOff, v, vOff, B, T, NH, NKV,
                    D);
            return;
        }
        Backend.super.attentionBackward(
                dq, dqOff, dk, dkOff, dv, dvOff, dpre, att, dout, doutOff, q, qOff, k, kOff, v, vOff, B, T, NH, NKV, D);
    }

    @Override
    public void crossEntropyForward(
            float[] rowLoss, float[] lse, float[] logits, int logitsOff, int[] targets, int N, int V, int ignoreIndex) {
        if (!PORTABLE_ONLY && FastCrossEntropy.worthIt(V)) {
            FastCrossEntropy.forward(rowLoss, lse, logits, logitsOff, targets, N, V, ignoreIndex);
            return;
        }
        Backend.super.crossEntropyForward(rowLoss, lse, logits, logitsOff, targets, N, V, ignoreIndex);
    }

    @Override
    public void crossEntropyBackward(
            float[] dlogits,
            int dlogitsOff,
            float[] logits,
            int logitsOff,
            float[] lse,
            int[] targets,
            float[] rowScale,
            int N,
            int V,
            boolean accumulate) {
        if (!PORTABLE_ONLY && FastCrossEntropy.worthIt(V)) {
            FastCrossEntropy.backward(dlogits, dlogitsOff, logits, logitsOff, lse, targets, rowScale, N, V, accumulate);
            return;
        }
        Backend.super.crossEntropyBackward(
                dlogits, dlogitsOff, logits, logitsOff, lse, targets, rowScale, N, V, accumulate);
    }

    /** The host arrays are the only copy. */
    @Override
    public void toHost(Object array) {}

    @Override
    public void fillZero(float[] array, int offset, int n) {
        Arrays.fill(array, offset, offset + n, 0f);
    }

    /** Nothing is held elsewhere. */
    @Override
    public void releaseAll() {}
}
