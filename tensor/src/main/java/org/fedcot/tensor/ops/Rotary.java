package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;
import org.fedcot.tensor.kernels.RotaryKernels;

/** Rotary position embedding of queries or keys laid out [B, T, H, D]; see {@link RotaryKernels}. */
public final class Rotary {
    private Rotary() {}

    /**
     * @param rotDim     leading dimensions of each head that rotate (even, <= D); D for full rotary,
     *                   {@code (int)(rotary_pct * D)} for GPT-NeoX's partial rotary
     * @param posOffset  position of t = 0 (the KV-cache length when generating)
     * @param interleaved pairs (2i, 2i+1) as llama2.c; false pairs (i, i + rotDim/2) as Hugging Face
     */
    public static Tensor rope(Tensor x, int rotDim, float theta, int posOffset, boolean interleaved) {
        Shapes.requireRank("rope", x, 4);
        int T = x.dim(1);
        int H = x.dim(2);
        int D = x.dim(3);
        if (rotDim < 0 || rotDim > D || rotDim % 2 != 0) {
            throw new IllegalArgumentException(
                    "rope: rotary dimension " + rotDim + " must be even and within head size " + D + " of " + x.name());
        }
        int rows = x.size() / D;
        int angles = T * (rotDim / 2);
        // one table serves forward and backward: the closure keeps it until the workspace scope closes
        float[] cos = Tensor.output(angles).storage();
        float[] sin = Tensor.output(angles).storage();
        Backend.current().launch(Kernel.ROPE_TABLE, angles, 64, cos, sin, rotDim, theta, posOffset);
        Tensor out = Tensor.output(x.shape());
        Backend.current()
                .launch(
                        Kernel.ROPE_FORWARD,
                        rows,
                        2L * D,
                        out.storage(),
                        0,
                        x.storage(),
                        x.offset(),
                        cos,
                        sin,
                        T,
                        H,
                        D,
                        rotDim,
                        interleaved);
        out.recordBackward(
                () -> {
                    // the rotation writes every element of dx, so a first gradient needs no zero fill
                    GradTarget dx = x.gradTarget(true);
                    Tensor g = out.grad();
                    Backend.current()
                            .launch(
                                    Kernel.ROPE_BACKWARD,
                                    rows,
                                    2L * D,
                                    dx.storage(),
                                    dx.offset(),
                                    g.storage(),
                                    g.offset(),
                                    cos,
                                    sin,
                                    T,
                                    H,
                                    D,
                                    rotDim,
                                    interleaved,
                                    dx.accumulate());
                },
                x);
        return out;
    }
}
