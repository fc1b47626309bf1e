package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** A contiguous slice of the last dimension, e.g. splitting a fused query/key/value projection. */
public final class Slice {
    private Slice() {}

    /** {@code x[..., from:to]} as a new tensor; the gradient flows back into those columns of x. */
    public static Tensor lastDim(Tensor x, int from, int to) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("slice: " + x.name() + " is a scalar");
        }
        int W = x.dim(-1);
        if (from < 0 || to > W || from >= to) {
            throw new IllegalArgumentException("slice: [" + from + ", " + to + ") is not a non-empty range of the last"
                    + " dimension of " + x.name() + Shapes.str(x.shape()));
        }
        int w = to - from;
        int R = Shapes.rows(x);
        Tensor out = Tensor.output(Shapes.withLast(x.shape(), w));
        Backend.current().launch(Kernel.SLICE_FORWARD, R, w, out.storage(), 0, x.storage(), x.offset(), W, from, w);
        out.recordBackward(
                () -> {
                    GradTarget dx = x.gradTarget(false);
                    Tensor g = out.grad();
                    Backend.current()
                            .launch(
                                    Kernel.SLICE_BACKWARD,
                                    R,
                                    w,
                                    dx.storage(),
                                    dx.offset(),
                                    g.storage(),
                                    g.offset(),
                                    W,
                                    from,
                                    w);
                },
                x);
        return out;
    }
}
