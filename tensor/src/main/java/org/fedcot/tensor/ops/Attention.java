package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;

/**
 * Causal scaled-dot-product attention with grouped-query heads: q [B, T, NH, D], k and v
 * [B, T, NKV, D] with NH a multiple of NKV; returns [B, T, NH, D].
 */
public final class Attention {
    private Attention() {}

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
        Tensor out = Tensor.output(B, T, NH, D);
        float[] att = Tensor.output(B * NH * T * T).storage();
        Backend.current()
                .attentionForward(
                        out.storage(),
                        att,
                        q.storage(),
                        q.offset(),
                        k.storage(),
                        k.offset(),
                        v.storage(),
                        v.offset(),
                        B,
                        T,
                        NH,
                        NKV,
                        D);
        out.recordBackward(
                () -> {
                    Tensor g = out.grad();
                    GradTarget dq = q.gradTarget(false);
                    GradTarget dk = k.gradTarget(false);
                    GradTarget dv = v.gradTarget(false);
                    float[] dpre = Tensor.output(att.length).storage();
                    Backend.current()
                            .attentionBackward(
                                    dq.storage(),
                                    dq.offset(),
                                    dk.storage(),
                                    dk.offset(),
                                    dv.storage(),
                                    dv.offset(),
                                    dpre,
                                    att,
                                    g.storage(),
                                    g.offset(),
                                    q.storage(),
                                    q.offset(),
                                    k.storage(),
                                    k.offset(),
                                    v.storage(),
                                    v.offset(),
                                    B,
                                    T,
                                    NH,
                                    NKV,
                                    D);
                },
                q,
                k,
                v);
        return out;
    }
}
