package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.FastPathAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fedcot.tensor.kernels.CrossEntropyKernels;
import org.junit.jupiter.api.Test;

/** The Vector API cross-entropy equals the portable kernels, forward and backward, ignored rows included. */
class FastCrossEntropyTest {
    private static final int IGNORE = -100;
    private final SplittableRandom rng = new SplittableRandom(5);

    @Test
    void matchesThePortableKernels() {
        check(7, 64, 3); // whole vectors only
        check(5, 1000, 2); // a scalar tail after the vectors
        check(3, 32000, 8); // a Llama vocabulary, logits spread wide
    }

    @Test
    void flagsRowsHoldingNanOrInfinityWithANanLogSumExp() {
        int V = 100;
        float[] logits = random(4 * V, 1);
        logits[V + 17] = Float.NaN;
        logits[2 * V + 99] = Float.NEGATIVE_INFINITY; // in the scalar tail
        logits[3 * V + 3] = Float.POSITIVE_INFINITY;
        float[] lse = new float[4];
        FastCrossEntropy.forward(new float[4], lse, logits, 0, new int[] {0, 1, 2, 3}, 4, V, IGNORE);
        assertTrue(Float.isFinite(lse[0]));
        for (int n = 1; n < 4; n++) {
            assertTrue(Float.isNaN(lse[n]), "row " + n + " gave " + lse[n]);
        }
    }

    private void check(int N, int V, double spread) {
        float[] logits = random(N * V, spread);
        int[] targets = new int[N];
        float[] rowScale = new float[N];
        for (int n = 0; n < N; n++) {
            boolean ignored = n % 3 == 1;
            targets[n] = ignored ? IGNORE : rng.nextInt(V);
            rowScale[n] = ignored ? 0f : (float) rng.nextDouble();
        }
        String shape = "N=" + N + " V=" + V;

        float[] lossRef = new float[N];
        float[] lseRef = new float[N];
        CrossEntropyKernels.crossEntropyForward(lossRef, lseRef, logits, 0, targets, V, IGNORE, 0, N);
        float[] loss = new float[N];
        float[] lse = new float[N];
        FastCrossEntropy.forward(loss, lse, logits, 0, targets, N, V, IGNORE);
        assertClose(shape + " lse", lseRef, lse);
        assertClose(shape + " row loss", lossRef, loss);

        // overwrite: stale contents (NaN) must not leak through, ignored rows included
        float[] gradRef = new float[N * V];
        CrossEntropyKernels.crossEntropyBackward(gradRef, 0, logits, 0, lseRef, targets, rowScale, V, false, 0, N);
        float[] grad = new float[N * V];
        Arrays.fill(grad, Float.NaN);
        FastCrossEntropy.backward(grad, 0, logits, 0, lse, targets, rowScale, N, V, false);
        assertClose(shape + " dlogits", gradRef, grad);

        // accumulate: adds onto what is there
        float[] base = random(N * V, 1);
        float[] accRef = base.clone();
        CrossEntropyKernels.crossEntropyBackward(accRef, 0, logits, 0, lseRef, targets, rowScale, V, true, 0, N);
        float[] acc = base.clone();
        FastCrossEntropy.backward(acc, 0, logits, 0, lse, targets, rowScale, N, V, true);
        assertClose(shape + " accumulated dlogits", accRef, acc);
        assertEquals(base[V + 5], acc[V + 5], "an ignored row is left as it was");
    }

    private float[] random(int n, double spread) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * spread);
        }
        return a;
    }
}
