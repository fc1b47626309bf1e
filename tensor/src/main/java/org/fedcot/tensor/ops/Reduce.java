package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.ElementwiseKernels;

/** Reductions to a scalar. */
public final class Reduce {
    private Reduce() {
    }

    /** The sum of all elements as a one-element tensor, accumulated in double. */
    public static Tensor sum(Tensor x) {
        double s = 0;
        float[] d = x.data();
        for (int i = 0; i < x.size(); i++) {
            s += d[x.offset() + i];
        }
        Tensor out = Tensor.uninitialized(1);
        out.data()[0] = (float) s;
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            float g = out.grad().item();
            Dispatch.run(ElementwiseKernels.class, "addConstant", x.size(), 1, (lo, hi) ->
                    ElementwiseKernels.addConstant(dx.data(), dx.offset(), g, lo, hi), dx.buffer(), dx.offset(), g);
        }, x);
        return out;
    }
}
