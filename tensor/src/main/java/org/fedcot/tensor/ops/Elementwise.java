package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** Element-wise add (residual), multiply and scale of same-shape tensors. */
public final class Elementwise {
    private Elementwise() {}

    /** {@code a + b}: the residual connection. */
    public static Tensor add(Tensor a, Tensor b) {
        Shapes.requireSameShape("add", a, b);
        Tensor out = Tensor.output(a.shape());
        Backend.current()
                .launch(Kernel.ADD, a.size(), 1, out.storage(), 0, a.storage(), a.offset(), b.storage(), b.offset());
        out.recordBackward(
                () -> {
                    accumulate(a, out.grad(), 1f);
                    accumulate(b, out.grad(), 1f);
                },
                a,
                b);
        return out;
    }

    /** {@code a * b} element by element. */
    public static Tensor mul(Tensor a, Tensor b) {
        Shapes.requireSameShape("mul", a, b);
        Tensor out = Tensor.output(a.shape());
        Backend.current()
                .launch(Kernel.MUL, a.size(), 1, out.storage(), 0, a.storage(), a.offset(), b.storage(), b.offset());
        out.recordBackward(
                () -> {
                    accumulateProduct(a, out.grad(), b);
                    accumulateProduct(b, out.grad(), a);
                },
                a,
                b);
        return out;
    }

    /** {@code s * a}. */
    public static Tensor scale(Tensor a, float s) {
        Tensor out = Tensor.output(a.shape());
        Backend.current().launch(Kernel.SCALE, a.size(), 1, out.storage(), 0, a.storage(), a.offset(), s);
        out.recordBackward(() -> accumulate(a, out.grad(), s), a);
        return out;
    }

    /** {@code t.grad += s * g} when t wants a gradient. */
    static void accumulate(Tensor t, Tensor g, float s) {
        if (t.requiresGrad()) {
            GradTarget d = t.gradTarget(false);
            Backend.current()
                    .launch(Kernel.ACCUMULATE_SCALED, t.size(), 1, d.storage(), d.offset(), g.storage(), g.offset(), s);
        }
    }

    /** {@code t.grad += g * other} when t wants a gradient: the backward of a product. */
    private static void accumulateProduct(Tensor t, Tensor g, Tensor other) {
        if (t.requiresGrad()) {
            GradTarget d = t.gradTarget(false);
            Backend.current()
                    .launch(
                            Kernel.ACCUMULATE_PRODUCT,
                            t.size(),
                            1,
                            d.storage(),
                            d.offset(),
                            g.storage(),
                            g.offset(),
                            other.storage(),
                            other.offset());
        }
    }
}
