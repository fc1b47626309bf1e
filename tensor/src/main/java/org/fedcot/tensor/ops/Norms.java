package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.NormKernels;

/** LayerNorm and RMSNorm over the last dimension. */
public final class Norms {
    private static final Class<?> K = NormKernels.class;

    private Norms() {
    }

    /** LayerNorm with weight w [C] and bias b [C]. */
    public static Tensor layerNorm(Tensor x, Tensor w, Tensor b, float eps) {
        int C = x.dim(-1);
        Shapes.requireShape("layerNorm", w, C);
        Shapes.requireShape("layerNorm", b, C);
        int R = Shapes.rows(x);
        Tensor out = Tensor.uninitialized(x.shape());
        float[] mean = Tensor.uninitialized(R).buffer();
        float[] rstd = Tensor.uninitialized(R).buffer();
        Dispatch.run(K, "layerNormForward", R, 3L * C, (lo, hi) -> NormKernels.layerNormForward(out.data(), 0, mean,
                rstd, x.data(), x.offset(), w.data(), w.offset(), b.data(), b.offset(), C, eps, lo, hi),
                out.buffer(), 0, mean, rstd, x.buffer(), x.offset(), w.buffer(), w.offset(), b.buffer(), b.offset(),
                C, eps);
        out.recordBackward(() -> {
            Tensor g = out.grad();
            if (x.requiresGrad()) {
                Tensor dx = x.gradBuffer();
                Dispatch.run(K, "layerNormBackwardInput", R, 4L * C, (lo, hi) -> NormKernels.layerNormBackwardInput(
                        dx.data(), dx.offset(), g.data(), g.offset(), x.data(), x.offset(), w.data(), w.offset(), mean,
                        rstd, C, lo, hi),
                        dx.buffer(), dx.offset(), g.buffer(), g.offset(), x.buffer(), x.offset(), w.buffer(), w.offset(),
                        mean, rstd, C);
            }
            if (w.requiresGrad() || b.requiresGrad()) {
                Tensor dw = w.requiresGrad() ? w.gradBuffer() : Tensor.empty(C);
                Tensor db = b.requiresGrad() ? b.gradBuffer() : Tensor.empty(C);
                Dispatch.run(K, "layerNormBackwardParams", C, 2L * R, (lo, hi) -> NormKernels.layerNormBackwardParams(
                        dw.data(), dw.offset(), db.data(), db.offset(), g.data(), g.offset(), x.data(), x.offset(), mean,
                        rstd, R, C, lo, hi),
                        dw.buffer(), dw.offset(), db.buffer(), db.offset(), g.buffer(), g.offset(), x.buffer(),
                        x.offset(), mean, rstd, R, C);
            }
        }, x, w, b);
        return out;
    }

    /** RMSNorm with weight w [C] (Llama, Qwen). */
    public static Tensor rmsNorm(Tensor x, Tensor w, float eps) {
        int C = x.dim(-1);
        Shapes.requireShape("rmsNorm", w, C);
        int R = Shapes.rows(x);
        Tensor out = Tensor.uninitialized(x.shape());
        float[] rstd = Tensor.uninitialized(R).buffer();
        Dispatch.run(K, "rmsNormForward", R, 2L * C, (lo, hi) -> NormKernels.rmsNormForward(out.data(), 0, rstd,
                x.data(), x.offset(), w.data(), w.offset(), C, eps, lo, hi),
                out.buffer(), 0, rstd, x.buffer(), x.offset(), w.buffer(), w.offset(), C, eps);
        out.recordBackward(() -> {
            Tensor g = out.grad();
            if (x.requiresGrad()) {
                Tensor dx = x.gradBuffer();
                Dispatch.run(K, "rmsNormBackwardInput", R, 3L * C, (lo, hi) -> NormKernels.rmsNormBackwardInput(
                        dx.data(), dx.offset(), g.data(), g.offset(), x.data(), x.offset(), w.data(), w.offset(), rstd,
                        C, lo, hi),
                        dx.buffer(), dx.offset(), g.buffer(), g.offset(), x.buffer(), x.offset(), w.buffer(), w.offset(),
                        rstd, C);
            }
            if (w.requiresGrad()) {
                Tensor dw = w.gradBuffer();
                Dispatch.run(K, "rmsNormBackwardWeight", C, 2L * R, (lo, hi) -> NormKernels.rmsNormBackwardWeight(
                        dw.data(), dw.offset(), g.data(), g.offset(), x.data(), x.offset(), rstd, R, C, lo, hi),
                        dw.buffer(), dw.offset(), g.buffer(), g.offset(), x.buffer(), x.offset(), rstd, R, C);
            }
        }, x, w);
        return out;
    }
}
