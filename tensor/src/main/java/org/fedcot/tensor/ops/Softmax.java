package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.SoftmaxKernels;

/** Softmax over the last dimension. */
public final class Softmax {
    private Softmax() {
    }

    public static Tensor softmax(Tensor x) {
        int C = x.dim(-1);
        int R = Shapes.rows(x);
        Tensor out = Tensor.uninitialized(x.shape());
        Dispatch.run(SoftmaxKernels.class, "softmaxForward", R, 3L * C, (lo, hi) ->
                SoftmaxKernels.softmaxForward(out.data(), 0, x.data(), x.offset(), C, lo, hi),
                out.buffer(), 0, x.buffer(), x.offset(), C);
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            Tensor g = out.grad();
            Dispatch.run(SoftmaxKernels.class, "softmaxBackward", R, 2L * C, (lo, hi) -> SoftmaxKernels.softmaxBackward(
                    dx.data(), dx.offset(), out.data(), 0, g.data(), g.offset(), C, lo, hi),
                    dx.buffer(), dx.offset(), out.buffer(), 0, g.buffer(), g.offset(), C);
        }, x);
        return out;
    }
}
