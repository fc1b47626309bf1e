package org.fedcot.tensor;

import java.util.Objects;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.kernels.Kernel;

/**
 * What runs the kernels: the {@link CpuBackend} (the default) or a device backend such as the
 * OpenCL one, chosen once for the whole process with {@link #use}. Ops name a {@link Kernel} and
 * pass its arguments once; each backend binds them its own way (the CPU calls the Java kernel per
 * range of cores, a device sets them on its twin). A backend implements {@link #launch} for every
 * kernel of the list and {@link #gemm}; the composite calls below default to launching the portable
 * kernels and are where a backend swaps in a faster path.
 *
 * <p>A device backend keeps copies of host arrays, known by identity (views of a flat parameter
 * buffer share one copy), and tracks which side holds the newest values: kernels leave their results
 * on the device, and {@link Tensor#hostData()} or {@link #host} bring an array home.
 */
public interface Backend {
    /** The backend in use (never null: the CPU until {@link #use} picks another). */
    static Backend current() {
        return CurrentBackend.current;
    }

    /**
     * Makes {@code backend} the one every op uses from now on. The one in use before brings its arrays
     * home first, so host arrays are current when the next takes over. Call it between steps, not
     * while a graph is being built.
     */
    static void use(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backend previous = CurrentBackend.current;
        if (previous != backend) {
            previous.releaseAll();
        }
        CurrentBackend.current = backend;
    }

    /** {@code array} with its newest values on the host; returns it. */
    static float[] host(float[] array) {
        CurrentBackend.current.toHost(array);
        return array;
    }

    /** A one-line description of what runs the kernels, for logs and bench output. */
    String description();

    /** True when kernels work on the host arrays themselves, so nothing ever needs bringing home. */
    boolean onHost();

    /**
     * Runs {@code kernel} over its parallel index {@code [0, n)}. {@code args} are the Java kernel's
     * arguments in order without {@code lo, hi}: {@code float[]}, {@code double[]} and {@code int[]}
     * arrays, ints, floats, longs and booleans. {@code cost} is a rough count of inner-loop steps per
     * index, which the CPU uses to decide whether splitting over cores pays.
     */
    void launch(Kernel kernel, int n, long cost, Object... args);

    /**
     * Prepares {@code kernel} (binds it, builds its twin) so a launch can run it.
     *
     * @throws IllegalStateException naming the kernel when this backend cannot run it
     */
    void require(Kernel kernel);

    /** {@code C (+)= op(A) · op(B)}; arguments as {@code MatmulKernels.gemm}, over all rows of C. */
    default void gemm(
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
        launch(
                Kernel.GEMM,
                M,
                (long) N * K,
                transA,
                transB,
                M,
                N,
                K,
                a,
                aOff,
                lda,
                b,
                bOff,
                ldb,
                c,
                cOff,
                ldc,
                accumulate);
    }

    /**
     * {@code C (+)= A · op(W)} with A float32 [M, K] (row stride lda) and W a frozen 16-bit weight, its
     * values widened to float32 as they are read: {@code op(W) = W^T} ([K, N] from W [N, K]) when
     * {@code transW}, else W itself ([K, N]). A linear layer's forward is {@code transW} and its input
     * gradient is not. The default refuses: a backend multiplies by 16-bit weights only where it says so.
     *
     * @throws UnsupportedOperationException naming the weight, on a backend without 16-bit weights
     */
    default void gemmHalf(
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
        throw new UnsupportedOperationException(description() + " cannot multiply by " + w.name() + ", a frozen "
                + w.format() + " weight: 16-bit weights run on the CPU backend (--backend cpu), or load the model"
                + " with float32 weights");
    }

    /** SwiGLU forward, {@code out[i] = silu(gate[gateOff + i]) * up[upOff + i]} for i in [0, n); see {@code ActivationKernels}. */
    default void swigluForward(float[] out, float[] gate, int gateOff, float[] up, int upOff, int n) {
        launch(Kernel.SWIGLU_FORWARD, n, 20, out, 0, gate, gateOff, up, upOff);
    }

    /** Causal grouped-query attention forward into out (at 0) and att [B, NH, T, T]; see {@code AttentionKernels}. */
    default void attentionForward(
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
        launch(
                Kernel.ATTENTION_FORWARD,
                B * NH * T,
                (long) T * D,
                out,
                0,
                att,
                q,
                qOff,
                k,
                kOff,
                v,
                vOff,
                T,
                NH,
                NKV,
                D);
    }

    /** Causal grouped-query attention backward into dq, dk, dv (accumulating); dpre is scratch [B, NH, T, T]. */
    default void attentionBackward(
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
        launch(
                Kernel.ATTENTION_BACKWARD_QUERY,
                B * NH * T,
                2L * T * D,
                dq,
                dqOff,
                dpre,
                att,
                dout,
                doutOff,
                k,
                kOff,
                v,
                vOff,
                T,
                NH,
                NKV,
                D);
        launch(
                Kernel.ATTENTION_BACKWARD_KEY_VALUE,
                B * T * NKV,
                2L * T * D * (NH / NKV),
                dk,
                dkOff,
                dv,
                dvOff,
                dpre,
                att,
                q,
                qOff,
                dout,
                doutOff,
                T,
                NH,
                NKV,
                D);
    }

    /** Attention of new queries over a key/value cache into out (at 0); see {@code CachedAttentionKernels}. */
    default void cachedAttention(
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
        launch(
                Kernel.CACHED_ATTENTION,
                B * TN * NH,
                2L * (pos + TN) * D,
                out,
                0,
                q,
                qOff,
                kc,
                kOff,
                vc,
                vOff,
                TN,
                S,
                pos,
                NH,
                NKV,
                D);
    }

    /**
     * Cached attention of decode rows, one new token each, each over its own batch-1 cache
     * ({@code kc[r]}, {@code vc[r]} of {@code capacity[r]} positions, filled to {@code pos[r]}) into
     * out at 0; by default row by row through the portable kernel.
     */
    default void cachedAttentionRows(
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
        int row = NH * D;
        for (int r = 0; r < pos.length; r++) {
            launch(
                    Kernel.CACHED_ATTENTION,
                    NH,
                    2L * (pos[r] + 1) * D,
                    out,
                    r * row,
                    q,
                    qOff + r * row,
                    kc[r],
                    kOff[r],
                    vc[r],
                    vOff[r],
                    1,
                    capacity[r],
                    pos[r],
                    NH,
                    NKV,
                    D);
        }
    }

    /** Cross-entropy forward over N rows; see {@code CrossEntropyKernels}. */
    default void crossEntropyForward(
            float[] rowLoss, float[] lse, float[] logits, int logitsOff, int[] targets, int N, int V, int ignoreIndex) {
        launch(Kernel.CROSS_ENTROPY_FORWARD, N, 2L * V, rowLoss, lse, logits, logitsOff, targets, V, ignoreIndex);
    }

    /** Cross-entropy backward over N rows; see {@code CrossEntropyKernels}. */
    default void crossEntropyBackward(
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
        launch(
                Kernel.CROSS_ENTROPY_BACKWARD,
                N,
                2L * V,
                dlogits,
                dlogitsOff,
                logits,
                logitsOff,
                lse,
                targets,
                rowScale,
                V,
                accumulate);
    }

    /** Brings {@code array} (float[] or double[]) home if this backend holds newer values, and hands it to the host. */
    void toHost(Object array);

    /** Zeroes {@code n} floats of {@code array} from {@code offset}, wherever its newest values live. */
    void fillZero(float[] array, int offset, int n);

    /** Brings every array this backend holds newer values of home and forgets its copies. */
    void releaseAll();
}
