package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.FastPathAssertions.assertClose;

import java.util.SplittableRandom;
import org.fedcot.tensor.kernels.AttentionKernels;
import org.junit.jupiter.api.Test;

/** The GEMM-blocked attention fast path equals the portable kernels, forward and backward. */
class FastAttentionTest {
    private final SplittableRandom rng = new SplittableRandom(11);

    @Test
    void matchesThePortableKernels() {
        check(2, 33, 8, 2, 16);
        check(1, 64, 4, 4, 32);
        check(3, 17, 6, 1, 8);
    }

    private void check(int B, int T, int NH, int NKV, int D) {
        float[] q = random(B * T * NH * D);
        float[] k = random(B * T * NKV * D);
        float[] v = random(B * T * NKV * D);
        float[] dout = random(B * T * NH * D);
        int attSize = B * NH * T * T;

        float[] outRef = new float[q.length];
        float[] attRef = new float[attSize];
        AttentionKernels.attentionForward(outRef, 0, attRef, q, 0, k, 0, v, 0, T, NH, NKV, D, 0, B * NH * T);
        float[] dqRef = new float[q.length];
        float[] dkRef = new float[k.length];
        float[] dvRef = new float[v.length];
        float[] dpreRef = new float[attSize];
        AttentionKernels.attentionBackwardQuery(
                dqRef, 0, dpreRef, attRef, dout, 0, k, 0, v, 0, T, NH, NKV, D, 0, B * NH * T);
        AttentionKernels.attentionBackwardKeyValue(
                dkRef, 0, dvRef, 0, dpreRef, attRef, q, 0, dout, 0, T, NH, NKV, D, 0, B * T * NKV);

        float[] out = new float[q.length];
        float[] att = new float[attSize];
        FastAttention.forward(out, att, q, 0, k, 0, v, 0, B, T, NH, NKV, D);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        FastAttention.backward(
                dq, 0, dk, 0, dv, 0, new float[attSize], att, dout, 0, q, 0, k, 0, v, 0, B, T, NH, NKV, D);

        String shape = "B=" + B + " T=" + T + " NH=" + NH + " NKV=" + NKV + " D=" + D;
        assertClose(shape + " out", outRef, out);
        assertClose(shape + " att", attRef, att);
        assertClose(shape + " dq", dqRef, dq);
        assertClose(shape + " dk", dkRef, dk);
        assertClose(shape + " dv", dvRef, dv);
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }
}
