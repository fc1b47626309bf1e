package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.PackedWeight;
import org.fedcot.tensor.cpu.PanelGemm;
import org.fedcot.tensor.cpu.Parallel;
import org.fedcot.tensor.kernels.MatmulKernels;

/** A fully connected layer, PyTorch layout: {@code out[..., OC] = x[..., C] · w[OC, C]^T + bias[OC]}. */
public final class Linear {
    private Linear() {
    }

    /** {@code bias} may be null. */
    public static Tensor forward(Tensor x, Tensor w, Tensor bias) {
        Shapes.requireRank("linear", w, 2);
        int OC = w.dim(0);
        int C = w.dim(1);
        if (x.rank() == 0 || x.dim(-1) != C) {
            throw new IllegalArgumentException("linear: input " + x.name() + " has shape " + Shapes.str(x.shape())
                    + " but weight " + w.name() + " " + Shapes.str(w.shape()) + " expects last dimension " + C);
        }
        if (bias != null) {
            Shapes.requireShape("linear", bias, OC);
        }
        int R = Shapes.rows(x);
        Tensor out = Tensor.uninitialized(Shapes.withLast(x.shape(), OC));
        float[] od = out.buffer();
        Dispatch.gemm(false, true, R, OC, C, x.buffer(), x.offset(), C, w.buffer(), w.offset(), C, od, 0, OC, false);
        if (bias != null) {
            Dispatch.run(MatmulKernels.class, "addBias", R, OC, (lo, hi) ->
                    MatmulKernels.addBias(od, 0, bias.data(), bias.offset(), OC, lo, hi),
                    od, 0, bias.buffer(), bias.offset(), OC);
        }
        out.recordBackward(() -> {
            Tensor dout = out.grad();
            if (x.requiresGrad()) {
                // the product writes all of dx, so a first gradient needs no zero fill
                boolean accumulate = x.grad() != null;
                Tensor dx = accumulate ? x.grad() : x.uninitializedGrad();
                Dispatch.gemm(false, false, R, C, OC, dout.buffer(), dout.offset(), OC, w.buffer(), w.offset(), C,
                        dx.buffer(), dx.offset(), C, accumulate);
            }
            if (w.requiresGrad()) {
                Tensor dw = w.gradBuffer();
                Dispatch.gemm(true, false, OC, C, R, dout.buffer(), dout.offset(), OC, x.buffer(), x.offset(), C,
                        dw.buffer(), dw.offset(), C, true);
            }
            if (bias != null && bias.requiresGrad()) {
                Tensor db = bias.gradBuffer();
                Dispatch.run(MatmulKernels.class, "biasBackward", OC, R, (lo, hi) ->
                        MatmulKernels.biasBackward(db.data(), db.offset(), dout.data(), dout.offset(), R, OC, lo, hi),
                        db.buffer(), db.offset(), dout.buffer(), dout.offset(), R, OC);
            }
        }, x, w, bias);
        return out;
    }

    /**
     * The same product on the CPU against a packed copy of the weight, for inference: no backward is
     * recorded, and a row's results do not depend on the rows beside it (see {@link PanelGemm}).
     * {@code bias} may be null.
     */
    public static Tensor forward(Tensor x, PackedWeight w, Tensor bias) {
        int OC = w.outputs();
        int C = w.inputs();
        if (x.rank() == 0 || x.dim(-1) != C) {
            throw new IllegalArgumentException("linear: input " + x.name() + " has shape " + Shapes.str(x.shape())
                    + " but the packed weight [" + OC + ", " + C + "] expects last dimension " + C);
        }
        if (bias != null) {
            Shapes.requireShape("linear", bias, OC);
        }
        int R = Shapes.rows(x);
        Tensor out = Tensor.uninitialized(Shapes.withLast(x.shape(), OC));
        float[] od = out.data();
        PanelGemm.gemm(R, x.data(), x.offset(), C, w, od, 0, OC);
        if (bias != null) {
            float[] bd = bias.data();
            Parallel.forRange(R, OC, (lo, hi) -> MatmulKernels.addBias(od, 0, bd, bias.offset(), OC, lo, hi));
        }
        return out;
    }
}
