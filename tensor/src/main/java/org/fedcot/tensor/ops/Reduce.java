package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** Reductions to a scalar. */
public final class Reduce {
    private Reduce() {}

    /** The sum of all elements as a one-element tensor, accumulated in double. */
    public static Tensor sum(Tensor x) {
        double s = 0;
        float[] d = x.hostData();
        for (int i = 0; i < x.size(); i++) {
            s += d[x.offset() + i];
        }
        Tensor out = Tensor.output(1);
        out.hostData()[0] = (float) s;
        out.recordBackward(
                () -> {
                    GradTarget dx = x.gradTarget(false);
                    float g = out.grad().item();
                    Backend.current().launch(Kernel.ADD_CONSTANT, x.size(), 1, dx.storage(), dx.offset(), g);
                },
                x);
        return out;
    }
}
