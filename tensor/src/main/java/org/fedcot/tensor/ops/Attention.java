package org.fedcot.tensor.ops;

import org.fedcot.tensor.Accelerator;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.Cpu;
import org.fedcot.tensor.kernels.AttentionKernels;

/**
 * Causal scaled-dot-product attention with grouped-query heads: q [B, T, NH, D], k and v
 * [B, T, NKV, D] with NH a multiple of NKV; returns [B, T, NH, D].
 */
public final class Attention {
    private static final Class<?> K = AttentionKernels.class;

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
        float[] att = Tensor.uninitialized(B * NH * T * T).buffer();
        Accelerator acc = Accelerator.current();
        if (acc == null) {
            Cpu.attentionForward(out.data(), att, q.data(), q.offset(), k.data(), k.offset(), v.data(), v.offset(),
                    B, T, NH, NKV, D);
        } else {
            acc.launch(K, "attentionForward", B * NH * T, out.buffer(), 0, att, q.buffer(), q.offset(), k.buffer(),
                    k.offset(), v.buffer(), v.offset(), T, NH, NKV, D);
        }
        out.recordBackward(() -> {
            Tensor g = out.grad();
            Tensor dq = q.requiresGrad() ? q.gradBuffer() : Tensor.empty(q.shape());
            Tensor dk = k.requiresGrad() ? k.gradBuffer() : Tensor.empty(k.shape());
            Tensor dv = v.requiresGrad() ? v.gradBuffer() : Tensor.empty(v.shape());
            float[] dpre = Tensor.uninitialized(att.length).buffer();
            Accelerator a = Accelerator.current();
            if (a == null) {
                Cpu.attentionBackward(dq.data(), dq.offset(), dk.data(), dk.offset(), dv.data(), dv.offset(), dpre, att,
                        g.data(), g.offset(), q.data(), q.offset(), k.data(), k.offset(), v.data(), v.offset(),
                        B, T, NH, NKV, D);
            } else {
                a.launch(K, "attentionBackwardQuery", B * NH * T, dq.buffer(), dq.offset(), dpre, att, g.buffer(),
                        g.offset(), k.buffer(), k.offset(), v.buffer(), v.offset(), T, NH, NKV, D);
                a.launch(K, "attentionBackwardKeyValue", B * T * NKV, dk.buffer(), dk.offset(), dv.buffer(),
                        dv.offset(), dpre, att, q.buffer(), q.offset(), g.buffer(), g.offset(), T, NH, NKV, D);
            }
        }, q, k, v);
        return out;
    }
}
