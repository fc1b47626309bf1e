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
        requireShape(x, rotDim);
        int angles = x.dim(1) * (rotDim / 2);
        // one table serves forward and backward: the closure keeps it until the workspace scope closes
        float[] cos = Tensor.output(angles).storage();
        float[] sin = Tensor.output(angles).storage();
        Backend.current().launch(Kernel.ROPE_TABLE, angles, 64, cos, sin, rotDim, theta, posOffset);
        return rotate(x, cos, sin, rotDim, interleaved);
    }

    /**
     * The cosines and sines of the rotary angles at a list of positions, for {@link #rope(Tensor,
     * Angles, boolean)}: a decode step computes them once for every layer's queries and keys.
     */
    public record Angles(float[] cos, float[] sin, int positions, int rotDim) {}

    /**
     * The angles at {@code positions}, entry r's {@code rotDim / 2} pairs after entry r - 1's, each
     * exactly as {@link #rope(Tensor, int, float, int, boolean)} computes that position's.
     */
    public static Angles angles(int[] positions, int rotDim, float theta) {
        int half = rotDim / 2;
        float[] cos = Tensor.output(positions.length * half).hostData();
        float[] sin = Tensor.output(positions.length * half).hostData();
        for (int r = 0; r < positions.length; r++) {
            // the table's entry r lands at flat index r * half, so its offset is the position less r
            RotaryKernels.ropeTable(cos, sin, rotDim, theta, positions[r] - r, r * half, (r + 1) * half);
        }
        return new Angles(cos, sin, positions.length, rotDim);
    }

    /**
     * Rotary embedding of x [rows, 1, H, D] whose row r sits at the position of {@code angles}' entry
     * r: rows of a decode step, each at its own position, in one pass.
     */
    public static Tensor rope(Tensor x, Angles angles, boolean interleaved) {
        requireShape(x, angles.rotDim());
        if (x.dim(1) != 1 || x.dim(0) != angles.positions()) {
            throw new IllegalArgumentException("rope: " + Shapes.str(x.shape()) + " is not " + angles.positions()
                    + " rows of one token each, one per position of the angles");
        }
        // viewed as one sequence of `rows` tokens, token t rotates by the table's entry t
        Tensor seq = x.reshape(1, x.dim(0), x.dim(2), x.dim(3));
        return rotate(seq, angles.cos(), angles.sin(), angles.rotDim(), interleaved)
                .reshape(x.shape());
    }

    private static void requireShape(Tensor x, int rotDim) {
        Shapes.requireRank("rope", x, 4);
        int D = x.dim(3);
        if (rotDim < 0 || rotDim > D || rotDim % 2 != 0) {
            throw new IllegalArgumentException(
                    "rope: rotary dimension " + rotDim + " must be even and within head size " + D + " of " + x.name());
        }
    }

    /** x [B, T, H, D] turned by the angles of cos/sin [T, rotDim / 2]. */
    private static Tensor rotate(Tensor x, float[] cos, float[] sin, int rotDim, boolean interleaved) {
        int T = x.dim(1);
        int H = x.dim(2);
        int D = x.dim(3);
        int rows = x.size() / D;
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
