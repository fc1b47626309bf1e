package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

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
        Tensor out = Tensor.output(x.shape());
        Backend.current().launch(Kernel.DROPOUT_FORWARD, x.size(), 8, out.storage(), 0, x.storage(), x.offset(), p,
                seed);
        out.recordBackward(() -> {
            GradTarget dx = x.gradTarget(false);
            Tensor g = out.grad();
            Backend.current().launch(Kernel.DROPOUT_BACKWARD, x.size(), 8, dx.storage(), dx.offset(), g.storage(),
                    g.offset(), p, seed);
        }, x);
        return out;
    }
}
