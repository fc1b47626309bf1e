package org.fedcot.tensor.ops;

import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.Parallel;
import org.fedcot.tensor.kernels.ElementwiseKernels;

/** Element-wise add (residual), multiply and scale of same-shape tensors. */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code a + b}: the residual connection. */
    public static Tensor add(Tensor a, Tensor b) {
        Shapes.requireSameShape("add", a, b);
        Tensor out = Tensor.uninitialized(a.shape());
        Parallel.forRange(a.size(), 1, (lo, hi) ->
                ElementwiseKernels.add(out.data(), 0, a.data(), a.offset(), b.data(), b.offset(), lo, hi));
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
        Parallel.forRange(a.size(), 1, (lo, hi) ->
                ElementwiseKernels.mul(out.data(), 0, a.data(), a.offset(), b.data(), b.offset(), lo, hi));
        out.recordBackward(() -> {
            Tensor g = out.grad();
            if (a.requiresGrad()) {
                Tensor da = a.gradBuffer();
                Parallel.forRange(a.size(), 1, (lo, hi) -> ElementwiseKernels.accumulateProduct(
                        da.data(), da.offset(), g.data(), g.offset(), b.data(), b.offset(), lo, hi));
            }
            if (b.requiresGrad()) {
                Tensor db = b.gradBuffer();
                Parallel.forRange(b.size(), 1, (lo, hi) -> ElementwiseKernels.accumulateProduct(
                        db.data(), db.offset(), g.data(), g.offset(), a.data(), a.offset(), lo, hi));
            }
        }, a, b);
        return out;
    }

    /** {@code s * a}. */
    public static Tensor scale(Tensor a, float s) {
        Tensor out = Tensor.uninitialized(a.shape());
        Parallel.forRange(a.size(), 1, (lo, hi) ->
                ElementwiseKernels.scale(out.data(), 0, a.data(), a.offset(), s, lo, hi));
        out.recordBackward(() -> accumulate(a, out.grad(), s), a);
        return out;
    }

    /** {@code t.grad += s * g} when t wants a gradient. */
    static void accumulate(Tensor t, Tensor g, float s) {
        if (t.requiresGrad()) {
            Tensor d = t.gradBuffer();
            Parallel.forRange(t.size(), 1, (lo, hi) ->
                    ElementwiseKernels.accumulateScaled(d.data(), d.offset(), g.data(), g.offset(), s, lo, hi));
        }
    }
}
