package org.fedcot.tensor.ops;

import java.util.function.Supplier;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.cpu.PackedWeight;
import org.fedcot.tensor.cpu.PanelGemm;
import org.fedcot.tensor.kernels.Kernel;

/** A fully connected layer, PyTorch layout: {@code out[..., OC] = x[..., C] · w[OC, C]^T + bias[OC]}. */
public final class Linear {
    private Linear() {}

    /** {@code bias} may be null. */
    public static Tensor forward(Tensor x, Tensor w, Tensor bias) {
        Shapes.requireRank("linear", w, 2);
        int OC = w.dim(0);
        int C = w.dim(1);
        requireOperands(x, () -> "weight " + w.name() + " " + Shapes.str(w.shape()), C, bias, OC);
        int R = Shapes.rows(x);
        Tensor out = Tensor.output(Shapes.withLast(x.shape(), OC));
        float[] od = out.storage();
        Backend.current()
                .gemm(false, true, R, OC, C, x.storage(), x.offset(), C, w.storage(), w.offset(), C, od, 0, OC, false);
        if (bias != null) {
            Backend.current().launch(Kernel.ADD_BIAS, R, OC, od, 0, bias.storage(), bias.offset(), OC);
        }
        out.recordBackward(
                () -> {
                    Tensor dout = out.grad();
                    Backend be = Backend.current();
                    if (x.requiresGrad()) { // the product writes all of dx, so a first gradient needs no zero fill
                        GradTarget dx = x.gradTarget(true);
                        be.gemm(
                                false,
                                false,
                                R,
                                C,
                                OC,
                                dout.storage(),
                                dout.offset(),
                                OC,
                                w.storage(),
                                w.offset(),
                                C,
                                dx.storage(),
                                dx.offset(),
                                C,
                                dx.accumulate());
                    }
                    if (w.requiresGrad()) {
                        GradTarget dw = w.gradTarget(false);
                        be.gemm(
                                true,
                                false,
                                OC,
                                C,
                                R,
                                dout.storage(),
                                dout.offset(),
                                OC,
                                x.storage(),
                                x.offset(),
                                C,
                                dw.storage(),
                                dw.offset(),
                                C,
                                true);
                    }
                    if (bias != null && bias.requiresGrad()) {
                        biasBackward(bias, dout, R, OC);
                    }
                },
                x,
                w,
                bias);
        return out;
    }

    /**
     * The same layer with a frozen 16-bit weight, widened to float32 inside the product (see
     * {@link Backend#gemmHalf}): the backward reaches x (and a bias that wants one), never the weight,
     * which has no gradient. {@code bias} may be null.
     */
    public static Tensor forward(Tensor x, HalfWeight w, Tensor bias) {
        int OC = w.rows();
        int C = w.cols();
        requireOperands(x, () -> "weight " + w.name() + " [" + OC + ", " + C + "]", C, bias, OC);
        int R = Shapes.rows(x);
        Tensor out = Tensor.output(Shapes.withLast(x.shape(), OC));
        float[] od = out.storage();
        Backend.current().gemmHalf(true, R, OC, C, x.storage(), x.offset(), C, w, od, 0, OC, false);
        if (bias != null) {
            Backend.current().launch(Kernel.ADD_BIAS, R, OC, od, 0, bias.storage(), bias.offset(), OC);
        }
        out.recordBackward(
                () -> {
                    Tensor dout = out.grad();
                    if (x.requiresGrad()) { // dx = dout · W, written whole
                        GradTarget dx = x.gradTarget(true);
                        Backend.current()
                                .gemmHalf(
                                        false,
                                        R,
                                        C,
                                        OC,
                                        dout.storage(),
                                        dout.offset(),
                                        OC,
                                        w,
                                        dx.storage(),
                                        dx.offset(),
                                        C,
                                        dx.accumulate());
                    }
                    if (bias != null && bias.requiresGrad()) {
                        biasBackward(bias, dout, R, OC);
                    }
                },
                x,
                bias);
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
        requireOperands(x, () -> "the packed weight [" + OC + ", " + C + "]", C, bias, OC);
        int R = Shapes.rows(x);
        Tensor out = Tensor.output(Shapes.withLast(x.shape(), OC));
        float[] od = out.hostData();
        PanelGemm.gemm(R, x.hostData(), x.offset(), C, w, od, 0, OC);
        if (bias != null) { // the packed weight lives on the host, so the bias is added there too
            CpuBackend.INSTANCE.launch(Kernel.ADD_BIAS, R, OC, od, 0, bias.hostData(), bias.offset(), OC);
        }
        return out;
    }

    /** Adds the column sums of dout [R, OC] into the bias's gradient. */
    private static void biasBackward(Tensor bias, Tensor dout, int R, int OC) {
        GradTarget db = bias.gradTarget(false);
        Backend.current()
                .launch(Kernel.BIAS_BACKWARD, OC, R, db.storage(), db.offset(), dout.storage(), dout.offset(), R, OC);
    }

    /**
     * x's last dimension must be the weight's C inputs, and a bias must have its OC outputs. The weight's
     * description is built only for the error: every decode step runs this for each of its products.
     */
    private static void requireOperands(Tensor x, Supplier<String> weight, int C, Tensor bias, int OC) {
        if (x.rank() == 0 || x.dim(-1) != C) {
            throw new IllegalArgumentException("linear: input " + x.name() + " has shape " + Shapes.str(x.shape())
                    + " but " + weight.get() + " expects last dimension " + C);
        }
        if (bias != null) {
            Shapes.requireShape("linear", bias, OC);
        }
    }
}
