package org.fedcot.tensor.ops;

import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.Parallel;
import org.fedcot.tensor.kernels.SoftmaxKernels;

/** Softmax over the last dimension. */
public final class Softmax {
    private Softmax() {
    }

    public static Tensor softmax(Tensor x) {
        int C = x.dim(-1);
        int R = Shapes.rows(x);
        Tensor out = Tensor.uninitialized(x.shape());
        Parallel.forRange(R, 3L * C, (lo, hi) ->
                SoftmaxKernels.softmaxForward(out.data(), 0, x.data(), x.offset(), C, lo, hi));
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            Tensor g = out.grad();
            Parallel.forRange(R, 2L * C, (lo, hi) -> SoftmaxKernels.softmaxBackward(
                    dx.data(), dx.offset(), out.data(), 0, g.data(), g.offset(), C, lo, hi));
        }, x);
        return out;
    }
}
