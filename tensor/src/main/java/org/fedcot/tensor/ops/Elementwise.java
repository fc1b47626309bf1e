package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.ElementwiseKernels;

/** Element-wise add (residual), multiply and scale of same-shape tensors. */
public final class Elementwise {
    private static final Class<?> K = ElementwiseKernels.class;

    private Elementwise() {
    }

    /** {@code a + b}: the residual connection. */
    public static Tensor add(Tensor a, Tensor b) {
        Shapes.requireSameShape("add", a, b);
        Tensor out = Tensor.uninitialized(a.shape());
        Dispatch.run(K, "add", a.size(), 1, (lo, hi) ->
                ElementwiseKernels.add(out.data(), 0, a.data(), a.offset(), b.data(), b.offset(), lo, hi),
                out.buffer(), 0, a.buffer(), a.offset(), b.buffer(), b.offset());
        out.recordBackward(() -> {
            accumulate(a, out.grad(), 1f);
            accumulate(b, out.grad(), 1f);
        }, a, b);
        return out;
    }

    /** {@code a * b} element by element. */
    public static Tensor mul(Tensor a, Tensor b) {
        Shapes.requireSameShape("mul", a, b);
        Tensor out = Tensor.uninitialized(a.shape());
        Dispatch.run(K, "mul", a.size(), 1, (lo, hi) ->
                ElementwiseKernels.mul(out.data(), 0, a.data(), a.offset(), b.data(), b.offset(), lo, hi),
                out.buffer(), 0, a.buffer(), a.offset(), b.buffer(), b.offset());
        out.recordBackward(() -> {
            Tensor g = out.grad();
            if (a.requiresGrad()) {
                Tensor da = a.gradBuffer();
                Dispatch.run(K, "accumulateProduct", a.size(), 1, (lo, hi) -> ElementwiseKernels.accumulateProduct(
                        da.data(), da.offset(), g.data(), g.offset(), b.data(), b.offset(), lo, hi),
                        da.buffer(), da.offset(), g.buffer(), g.offset(), b.buffer(), b.offset());
            }
            if (b.requiresGrad()) {
                Tensor db = b.gradBuffer();
                Dispatch.run(K, "accumulateProduct", b.size(), 1, (lo, hi) -> ElementwiseKernels.accumulateProduct(
                        db.data(), db.offset(), g.data(), g.offset(), a.data(), a.offset(), lo, hi),
                        db.buffer(), db.offset(), g.buffer(), g.offset(), a.buffer(), a.offset());
            }
        }, a, b);
        return out;
    }

    /** {@code s * a}. */
    public static Tensor scale(Tensor a, float s) {
        Tensor out = Tensor.uninitialized(a.shape());
        Dispatch.run(K, "scale", a.size(), 1, (lo, hi) ->
                ElementwiseKernels.scale(out.data(), 0, a.data(), a.offset(), s, lo, hi),
                out.buffer(), 0, a.buffer(), a.offset(), s);
        out.recordBackward(() -> accumulate(a, out.grad(), s), a);
        return out;
    }

    /** {@code t.grad += s * g} when t wants a gradient. */
    static void accumulate(Tensor t, Tensor g, float s) {
        if (t.requiresGrad()) {
            Tensor d = t.gradBuffer();
            Dispatch.run(K, "accumulateScaled", t.size(), 1, (lo, hi) ->
                    ElementwiseKernels.accumulateScaled(d.data(), d.offset(), g.data(), g.offset(), s, lo, hi),
                    d.buffer(), d.offset(), g.buffer(), g.offset(), s);
        }
    }
}
