package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.SliceKernels;

/** A contiguous slice of the last dimension, e.g. splitting a fused query/key/value projection. */
public final class Slice {
    private Slice() {
    }

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
        Tensor out = Tensor.uninitialized(Shapes.withLast(x.shape(), w));
        Dispatch.run(SliceKernels.class, "sliceForward", R, w, (lo, hi) ->
                SliceKernels.sliceForward(out.data(), 0, x.data(), x.offset(), W, from, w, lo, hi),
                out.buffer(), 0, x.buffer(), x.offset(), W, from, w);
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            Tensor g = out.grad();
            Dispatch.run(SliceKernels.class, "sliceBackward", R, w, (lo, hi) ->
                    SliceKernels.sliceBackward(dx.data(), dx.offset(), g.data(), g.offset(), W, from, w, lo, hi),
                    dx.buffer(), dx.offset(), g.buffer(), g.offset(), W, from, w);
        }, x);
        return out;
    }
}
