package org.fedcot.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Attention over a key/value cache, fed in chunks, equals {@link Attention#causal} over the full
 * sequence, row for row (GQA included), on both the portable and the fast attention path.
 */
class CachedAttentionTest {
    private final SplittableRandom rng = new SplittableRandom(5);

    @Test
    void chunkedCacheMatchesFullCausalAttention() {
        check(1, 7, 4, 2, 8, new int[] {1, 1, 1, 1, 1, 1, 1});
        check(2, 40, 8, 2, 16, new int[] {17, 1, 1, 21});
        check(3, 20, 6, 6, 4, new int[] {20});
        check(1, 33, 4, 1, 32, new int[] {5, 9, 1, 18});
    }

    /**
     * Rows over caches of their own, at different lengths, attended in one call: each row gets the
     * bits {@link CachedAttention#attend} gives it alone (fast path with D = 16, portable with D = 4).
     */
    @Test
    void rowsOverTheirOwnCachesGetWhatEachGetsAlone() {
        for (int D : new int[] {16, 4}) {
            int NH = 6;
            int NKV = 3;
            int[] pos = {0, 9, 4, 30, 17};
            int rows = pos.length;
            Tensor q = random(rows, 1, NH, D);
            Tensor[] keys = new Tensor[rows];
            Tensor[] values = new Tensor[rows];
            for (int r = 0; r < rows; r++) {
                keys[r] = random(1, pos[r] + 1 + r, NKV, D);
                values[r] = random(1, pos[r] + 1 + r, NKV, D);
            }
            try (NoGrad ignored = NoGrad.enter()) {
                Tensor together = CachedAttention.attendRows(q, keys, values, pos);
                for (int r = 0; r < rows; r++) {
                    Tensor alone = CachedAttention.attend(
                            rows(q.reshape(1, rows, NH, D), 1, rows, r, 1, NH * D), keys[r], values[r], pos[r]);
                    for (int i = 0; i < NH * D; i++) {
                        assertEquals(
                                Float.floatToRawIntBits(alone.get(i)),
                                Float.floatToRawIntBits(together.get(r * NH * D + i)),
                                "D=" + D + " row " + r + " " + i);
                    }
                }
            }
        }
    }

    @Test
    void rowsNeedACacheAndAPositionEach() {
        Tensor q = Tensor.zeros(2, 1, 2, 4);
        Tensor kv = Tensor.zeros(1, 3, 2, 4);
        try (NoGrad ignored = NoGrad.enter()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> CachedAttention.attendRows(q, new Tensor[] {kv}, new Tensor[] {kv}, new int[] {0}));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> CachedAttention.attendRows(
                            q, new Tensor[] {kv, kv}, new Tensor[] {kv, kv}, new int[] {0, 3}));
        }
    }

    @Test
    void refusesToRunWhereAGradientIsWanted() {
        Tensor q = Tensor.zeros(1, 1, 2, 4).requiresGrad(true);
        Tensor kv = Tensor.zeros(1, 3, 2, 4);
        assertThrows(IllegalStateException.class, () -> CachedAttention.attend(q, kv, kv, 0));
    }

    @Test
    void refusesPositionsPastTheCache() {
        Tensor q = Tensor.zeros(1, 2, 2, 4);
        Tensor kv = Tensor.zeros(1, 3, 2, 4);
        assertThrows(IllegalArgumentException.class, () -> CachedAttention.attend(q, kv, kv, 2));
    }

    /** Feeds T positions in chunks of the given sizes into a cache of capacity T + 3 and compares. */
    private void check(int B, int T, int NH, int NKV, int D, int[] chunks) {
        Tensor q = random(B, T, NH, D);
        Tensor k = random(B, T, NKV, D);
        Tensor v = random(B, T, NKV, D);
        Tensor full = Attention.causal(q, k, v);
        int S = T + 3;
        Tensor kc = Tensor.zeros(B, S, NKV, D);
        Tensor vc = Tensor.zeros(B, S, NKV, D);
        double maxErr = 0;
        int pos = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int tn : chunks) {
                for (int b = 0; b < B; b++) {
                    int n = tn * NKV * D;
                    int src = (b * T + pos) * NKV * D;
                    int dst = (b * S + pos) * NKV * D;
                    System.arraycopy(k.hostData(), src, kc.hostData(), dst, n);
                    System.arraycopy(v.hostData(), src, vc.hostData(), dst, n);
                }
                Tensor qChunk = rows(q, B, T, pos, tn, NH * D);
                Tensor out = CachedAttention.attend(qChunk, kc, vc, pos);
                Tensor ref = rows(full, B, T, pos, tn, NH * D);
                for (int i = 0; i < out.size(); i++) {
                    maxErr = Math.max(maxErr, Math.abs(out.get(i) - ref.get(i)));
                }
                pos += tn;
            }
        }
        assertTrue(
                maxErr <= 1e-5,
                "B=" + B + " T=" + T + " NH=" + NH + " NKV=" + NKV + " D=" + D
                        + ": cached attention differs from full causal attention by " + maxErr);
    }

    /** Positions [pos, pos + tn) of every batch row of x [B, T, width...] as [B, tn, ...]. */
    private static Tensor rows(Tensor x, int B, int T, int pos, int tn, int width) {
        int[] shape = x.shape();
        shape[1] = tn;
        Tensor out = Tensor.zeros(shape);
        for (int b = 0; b < B; b++) {
            System.arraycopy(
                    x.hostData(), x.offset() + (b * T + pos) * width, out.hostData(), b * tn * width, tn * width);
        }
        return out;
    }

    private Tensor random(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (rng.nextDouble() * 4 - 2));
        }
        return t;
    }
}
