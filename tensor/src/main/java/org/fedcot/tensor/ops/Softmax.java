package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** Softmax over the last dimension. */
public final class Softmax {
    private Softmax() {
    }

    public static Tensor softmax(Tensor x) {
        int C = x.dim(-1);
        int R = Shapes.rows(x);
        Tensor out = Tensor.output(x.shape());
        Backend.current().launch(Kernel.SOFTMAX_FORWARD, R, 3L * C, out.storage(), 0, x.storage(), x.offset(), C);
        out.recordBackward(() -> {
            GradTarget dx = x.gradTarget(false);
            Tensor g = out.grad();
            Backend.current().launch(Kernel.SOFTMAX_BACKWARD, R, 2L * C, dx.storage(), dx.offset(), out.storage(), 0,
                    g.storage(), g.offset(), C);
        }, x);
        return out;
    }
}
