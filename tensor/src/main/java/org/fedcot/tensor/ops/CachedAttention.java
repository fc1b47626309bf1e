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
    private CachedAttention() {
    }

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
        Backend.current().cachedAttention(out.storage(), q.storage(), q.offset(), keys.storage(), keys.offset(),
                values.storage(), values.offset(), B, TN, S, pos, NH, NKV, D);
        return out;
    }
}
