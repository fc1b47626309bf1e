package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.CachedAttentionKernels;

/**
 * Causal grouped-query attention of new tokens over a key/value cache (inference with a KV cache):
 * the result equals the rows {@code [pos, pos + TN)} of {@link Attention#causal} run over the whole
 * sequence. See {@link CachedAttentionKernels}.
 */
public final class CachedAttention {
    private CachedAttention() {}

    /**
     * @param q      queries of the new tokens, [B, TN, NH, D], already rotated for positions pos..pos+TN-1
     * @param keys   key cache [B, S, NKV, D] with positions [0, pos + TN) filled (the new tokens' keys included)
     * @param values value cache, same shape and fill as keys
     * @param pos    position of the first new token (the number of tokens cached before this call)
     * @return [B, TN, NH, D]
     * @throws IllegalStateException when called with gradients enabled on inputs that want them: this op
     *                               records no backward, so training must use {@link Attention#causal}
     */
    public static Tensor attend(Tensor q, Tensor keys, Tensor values, int pos) {
        Shapes.requireRank("cachedAttention", q, 4);
        Shapes.requireRank("cachedAttention", keys, 4);
        Shapes.requireSameShape("cachedAttention", keys, values);
        if (NoGrad.isGradEnabled() && (q.requiresGrad() || keys.requiresGrad() || values.requiresGrad())) {
            throw new IllegalStateException("cachedAttention has no backward: call it inside NoGrad.enter()");
        }
        int B = q.dim(0);
        int TN = q.dim(1);
        int NH = q.dim(2);
        int D = q.dim(3);
        int S = keys.dim(1);
        int NKV = keys.dim(2);
        Shapes.requireShape("cachedAttention", keys, B, S, NKV, D);
        if (NKV == 0 || NH % NKV != 0) {
            throw new IllegalArgumentException("cachedAttention: " + NH + " query heads of " + q.name()
                    + " are not a multiple of " + NKV + " key/value heads of " + keys.name());
        }
        if (pos < 0 || pos + TN > S) {
            throw new IllegalArgumentException("cachedAttention: positions [" + pos + ", " + (pos + TN)
                    + ") do not fit a cache of " + S + " positions");
        }
        Tensor out = Tensor.output(B, TN, NH, D);
        Backend.current()
                .cachedAttention(
                        out.storage(),
                        q.storage(),
                        q.offset(),
                        keys.storage(),
                        keys.offset(),
                        values.storage(),
                        values.offset(),
                        B,
                        TN,
                        S,
                        pos,
                        NH,
                        NKV,
                        D);
        return out;
    }

    /**
     * Decode rows side by side, each with its own cache: row r's one new token attends over
     * {@code keys[r]}/{@code values[r]} [1, S_r, NKV, D], whose positions [0, pos[r]] are filled (its
     * own key and value at pos[r] included). A row's result is the same as {@link #attend} gives it
     * alone, whatever the rows beside it; the rows run in one split over the cores.
     *
     * @param q queries [rows, 1, NH, D], already rotated for each row's position
     * @return [rows, 1, NH, D]
     */
    public static Tensor attendRows(Tensor q, Tensor[] keys, Tensor[] values, int[] pos) {
        Shapes.requireRank("cachedAttention", q, 4);
        int rows = q.dim(0);
        int NH = q.dim(2);
        int D = q.dim(3);
        if (q.dim(1) != 1 || keys.length != rows || values.length != rows || pos.length != rows) {
            throw new IllegalArgumentException("cachedAttention: " + rows + " rows of one token need as many caches "
                    + "and positions; got q " + Shapes.str(q.shape()) + ", " + keys.length + " key and "
                    + values.length + " value caches, " + pos.length + " positions");
        }
        if (NoGrad.isGradEnabled() && q.requiresGrad()) {
            throw new IllegalStateException("cachedAttention has no backward: call it inside NoGrad.enter()");
        }
        int NKV = keys[0].dim(2);
        int[] capacity = new int[rows];
        for (int r = 0; r < rows; r++) {
            Shapes.requireSameShape("cachedAttention", keys[r], values[r]);
            capacity[r] = keys[r].dim(1);
            Shapes.requireShape("cachedAttention", keys[r], 1, capacity[r], NKV, D);
            if (pos[r] < 0 || pos[r] >= capacity[r]) {
                throw new IllegalArgumentException("cachedAttention: row " + r + "'s position " + pos[r]
                        + " does not fit a cache of " + capacity[r] + " positions");
            }
        }
        if (NKV == 0 || NH % NKV != 0) {
            throw new IllegalArgumentException("cachedAttention: " + NH + " query heads of " + q.name()
                    + " are not a multiple of " + NKV + " key/value heads");
        }
        Tensor out = Tensor.output(rows, 1, NH, D);
        float[][] kc = new float[rows][];
        float[][] vc = new float[rows][];
        int[] kOff = new int[rows];
        int[] vOff = new int[rows];
        for (int r = 0; r < rows; r++) {
            kc[r] = keys[r].storage();
            vc[r] = values[r].storage();
            kOff[r] = keys[r].offset();
            vOff[r] = values[r].offset();
        }
        Backend.current()
                .cachedAttentionRows(
                        out.storage(), q.storage(), q.offset(), kc, kOff, vc, vOff, capacity, pos, NH, NKV, D);
        return out;
    }
}
