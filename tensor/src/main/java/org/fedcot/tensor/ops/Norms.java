package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** LayerNorm and RMSNorm over the last dimension. */
public final class Norms {
    private Norms() {}

    /** LayerNorm with weight w [C] and bias b [C]. */
    public static Tensor layerNorm(Tensor x, Tensor w, Tensor b, float eps) {
        int C = x.dim(-1);
        Shapes.requireShape("layerNorm", w, C);
        Shapes.requireShape("layerNorm", b, C);
        int R = Shapes.rows(x);
        Tensor out = Tensor.output(x.shape());
        float[] mean = Tensor.output(R).storage();
        float[] rstd = Tensor.output(R).storage();
        Backend.current()
                .launch(
                        Kernel.LAYER_NORM_FORWARD,
                        R,
                        3L * C,
                        out.storage(),
                        0,
                        mean,
                        rstd,
                        x.storage(),
                        x.offset(),
                        w.storage(),
                        w.offset(),
                        b.storage(),
                        b.offset(),
                        C,
                        eps);
        out.recordBackward(
                () -> {
                    Tensor g = out.grad();
                    Backend be = Backend.current();
                    if (x.requiresGrad()) {
                        GradTarget dx = x.gradTarget(false);
                        be.launch(
                                Kernel.LAYER_NORM_BACKWARD_INPUT,
                                R,
                                4L * C,
                                dx.storage(),
                                dx.offset(),
                                g.storage(),
                                g.offset(),
                                x.storage(),
                                x.offset(),
                                w.storage(),
                                w.offset(),
                                mean,
                                rstd,
                                C);
                    }
                    if (w.requiresGrad() || b.requiresGrad()) { // one pass gives both
                        GradTarget dw = w.gradTarget(false);
                        GradTarget db = b.gradTarget(false);
                        be.launch(
                                Kernel.LAYER_NORM_BACKWARD_PARAMS,
                                C,
                                2L * R,
                                dw.storage(),
                                dw.offset(),
                                db.storage(),
                                db.offset(),
                                g.storage(),
                                g.offset(),
                                x.storage(),
                                x.offset(),
                                mean,
                                rstd,
                                R,
                                C);
                    }
                },
                x,
                w,
                b);
        return out;
    }

    /** RMSNorm with weight w [C] (Llama, Qwen). */
    public static Tensor rmsNorm(Tensor x, Tensor w, float eps) {
        int C = x.dim(-1);
        Shapes.requireShape("rmsNorm", w, C);
        int R = Shapes.rows(x);
        Tensor out = Tensor.output(x.shape());
        float[] rstd = Tensor.output(R).storage();
        Backend.current()
                .launch(
                        Kernel.RMS_NORM_FORWARD,
                        R,
                        2L * C,
                        out.storage(),
                        0,
                        rstd,
                        x.storage(),
                        x.offset(),
                        w.storage(),
                        w.offset(),
                        C,
                        eps);
        out.recordBackward(
                () -> {
                    Tensor g = out.grad();
                    Backend be = Backend.current();
                    if (x.requiresGrad()) {
                        GradTarget dx = x.gradTarget(false);
                        be.launch(
                                Kernel.RMS_NORM_BACKWARD_INPUT,
                                R,
                                3L * C,
                                dx.storage(),
                                dx.offset(),
                                g.storage(),
                                g.offset(),
                                x.storage(),
                                x.offset(),
                                w.storage(),
                                w.offset(),
                                rstd,
                                C);
                    }
                    if (w.requiresGrad()) {
                        GradTarget dw = w.gradTarget(false);
                        be.launch(
                                Kernel.RMS_NORM_BACKWARD_WEIGHT,
                                C,
                                2L * R,
                                dw.storage(),
                                dw.offset(),
                                g.storage(),
                                g.offset(),
                                x.storage(),
                                x.offset(),
                                rstd,
                                R,
                                C);
                    }
                },
                x,
                w);
        return out;
    }
}
