package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.DropoutKernels;

/** Inverted dropout with a seeded, reproducible mask; the identity when p = 0. */
public final class Dropout {
    private Dropout() {
    }

    /** Zeroes each element with probability p and scales survivors by 1/(1-p); the mask depends only on (seed, index). */
    public static Tensor dropout(Tensor x, float p, long seed) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout: probability " + p + " must be in [0, 1)");
        }
        if (p == 0f) {
            return x;
        }
        Tensor out = Tensor.uninitialized(x.shape());
        Dispatch.run(DropoutKernels.class, "dropoutForward", x.size(), 8, (lo, hi) ->
                DropoutKernels.dropoutForward(out.data(), 0, x.data(), x.offset(), p, seed, lo, hi),
                out.buffer(), 0, x.buffer(), x.offset(), p, seed);
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            Tensor g = out.grad();
            Dispatch.run(DropoutKernels.class, "dropoutBackward", x.size(), 8, (lo, hi) ->
                    DropoutKernels.dropoutBackward(dx.data(), dx.offset(), g.data(), g.offset(), p, seed, lo, hi),
                    dx.buffer(), dx.offset(), g.buffer(), g.offset(), p, seed);
        }, x);
        return out;
    }
}
