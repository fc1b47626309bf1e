package org.fedcot.tensor.ops;

import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.Cpu;
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
        float[] od = out.data();
        Cpu.gemm(false, true, R, OC, C, x.data(), x.offset(), C, w.data(), w.offset(), C, od, 0, OC, false);
        if (bias != null) {
            Parallel.forRange(R, OC, (lo, hi) -> MatmulKernels.addBias(od, 0, bias.data(), bias.offset(), OC, lo, hi));
        }
        out.recordBackward(() -> {
            Tensor dout = out.grad();
            if (x.requiresGrad()) {
                // the product writes all of dx, so a first gradient needs no zero fill
                boolean accumulate = x.grad() != null;
                Tensor dx = accumulate ? x.grad() : x.uninitializedGrad();
                Cpu.gemm(false, false, R, C, OC, dout.data(), dout.offset(), OC, w.data(), w.offset(), C,
                        dx.data(), dx.offset(), C, accumulate);
            }
            if (w.requiresGrad()) {
                Tensor dw = w.gradBuffer();
                Cpu.gemm(true, false, OC, C, R, dout.data(), dout.offset(), OC, x.data(), x.offset(), C,
                        dw.data(), dw.offset(), C, true);
            }
            if (bias != null && bias.requiresGrad()) {
                Tensor db = bias.gradBuffer();
                Parallel.forRange(OC, R, (lo, hi) ->
                        MatmulKernels.biasBackward(db.data(), db.offset(), dout.data(), dout.offset(), R, OC, lo, hi));
            }
        }, x, w, bias);
        return out;
    }
}
