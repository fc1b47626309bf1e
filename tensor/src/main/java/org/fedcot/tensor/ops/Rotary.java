package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.RotaryKernels;

/** Rotary position embedding of queries or keys laid out [B, T, H, D]; see {@link RotaryKernels}. */
public final class Rotary {
    private static final Class<?> K = RotaryKernels.class;

    private Rotary() {
    }

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
            throw new IllegalArgumentException("rope: rotary dimension " + rotDim + " must be even and within head size " + D
                    + " of " + x.name());
        }
        int rows = x.size() / D;
        int angles = T * (rotDim / 2);
        // one table serves forward and backward: the closure keeps it until the workspace scope closes
        float[] cos = Tensor.uninitialized(angles).buffer();
        float[] sin = Tensor.uninitialized(angles).buffer();
        Dispatch.run(K, "ropeTable", angles, 64, (lo, hi) ->
                RotaryKernels.ropeTable(cos, sin, rotDim, theta, posOffset, lo, hi),
                cos, sin, rotDim, theta, posOffset);
        Tensor out = Tensor.uninitialized(x.shape());
        Dispatch.run(K, "ropeForward", rows, 2L * D, (lo, hi) -> RotaryKernels.ropeForward(out.data(), 0, x.data(),
                x.offset(), cos, sin, T, H, D, rotDim, interleaved, lo, hi),
                out.buffer(), 0, x.buffer(), x.offset(), cos, sin, T, H, D, rotDim, interleaved);
        out.recordBackward(() -> {
            // the rotation writes every element of dx, so a first gradient needs no zero fill
            boolean accumulate = x.grad() != null;
            Tensor dx = accumulate ? x.grad() : x.uninitializedGrad();
            Tensor g = out.grad();
            Dispatch.run(K, "ropeBackward", rows, 2L * D, (lo, hi) -> RotaryKernels.ropeBackward(dx.data(),
                    dx.offset(), g.data(), g.offset(), cos, sin, T, H, D, rotDim, interleaved, accumulate, lo, hi),
                    dx.buffer(), dx.offset(), g.buffer(), g.offset(), cos, sin, T, H, D, rotDim, interleaved,
                    accumulate);
        }, x);
        return out;
    }
}
