package org.fedcot.tensor.ops;

import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.Cpu;

/**
 * Causal scaled-dot-product attention with grouped-query heads: q [B, T, NH, D], k and v
 * [B, T, NKV, D] with NH a multiple of NKV; returns [B, T, NH, D].
 */
public final class Attention {
    private Attention() {
    }

    public static Tensor causal(Tensor q, Tensor k, Tensor v) {
        Shapes.requireRank("attention", q, 4);
        Shapes.requireRank("attention", k, 4);
        Shapes.requireSameShape("attention", k, v);
        int B = q.dim(0);
        int T = q.dim(1);
        int NH = q.dim(2);
        int D = q.dim(3);
        int NKV = k.dim(2);
        Shapes.requireShape("attention", k, B, T, NKV, D);
        if (NKV == 0 || NH % NKV != 0) {
            throw new IllegalArgumentException("attention: " + NH + " query heads of " + q.name()
                    + " are not a multiple of " + NKV + " key/value heads of " + k.name());
        }
        Tensor out = Tensor.uninitialized(B, T, NH, D);
        float[] att = Tensor.uninitialized(B * NH * T * T).data();
        Cpu.attentionForward(out.data(), att, q.data(), q.offset(), k.data(), k.offset(), v.data(), v.offset(),
                B, T, NH, NKV, D);
        out.recordBackward(() -> {
            Tensor g = out.grad();
            Tensor dq = q.requiresGrad() ? q.gradBuffer() : Tensor.empty(q.shape());
            Tensor dk = k.requiresGrad() ? k.gradBuffer() : Tensor.empty(k.shape());
            Tensor dv = v.requiresGrad() ? v.gradBuffer() : Tensor.empty(v.shape());
            float[] dpre = Tensor.uninitialized(att.length).data();
            Cpu.attentionBackward(dq.data(), dq.offset(), dk.data(), dk.offset(), dv.data(), dv.offset(), dpre, att,
                    g.data(), g.offset(), q.data(), q.offset(), k.data(), k.offset(), v.data(), v.offset(),
                    B, T, NH, NKV, D);
        }, q, k, v);
        return out;
    }
}
