package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** GELU (tanh approximation and exact erf form), SiLU and SwiGLU. */
public final class Activations {
    private static final long COST = 20;

    private Activations() {}

    public static Tensor geluTanh(Tensor x) {
        return pointwise(x, Kernel.GELU_TANH_FORWARD, Kernel.GELU_TANH_BACKWARD);
    }

    public static Tensor geluErf(Tensor x) {
        return pointwise(x, Kernel.GELU_ERF_FORWARD, Kernel.GELU_ERF_BACKWARD);
    }

    public static Tensor silu(Tensor x) {
        return pointwise(x, Kernel.SILU_FORWARD, Kernel.SILU_BACKWARD);
    }

    /** A one-input activation: {@code forward(out, x)}, and {@code backward(dx, x, dout)} adding into dx. */
    private static Tensor pointwise(Tensor x, Kernel forward, Kernel backward) {
        Tensor out = Tensor.output(x.shape());
        Backend.current().launch(forward, x.size(), COST, out.storage(), 0, x.storage(), x.offset());
        out.recordBackward(
                () -> {
                    GradTarget dx = x.gradTarget(false);
                    Tensor g = out.grad();
                    Backend.current()
                            .launch(
                                    backward,
                                    x.size(),
                                    COST,
                                    dx.storage(),
                                    dx.offset(),
                                    x.storage(),
                                    x.offset(),
                                    g.storage(),
                                    g.offset());
                },
                x);
        return out;
    }

    /**
     * {@code silu(gate) * up} for decoding, with no backward: through the backend's fast path where it has
     * one ({@link Backend#swigluForward}). Training goes through {@link #swiglu}, the portable kernel's
     * rounding, which the demo's models (and every figure the README reports from them) were trained with.
     */
    public static Tensor swigluInference(Tensor gate, Tensor up) {
        Shapes.requireSameShape("swiglu", gate, up);
        Tensor out = Tensor.output(gate.shape());
        Backend.current()
                .swigluForward(out.storage(), gate.storage(), gate.offset(), up.storage(), up.offset(), gate.size());
        return out;
    }

    /** {@code silu(gate) * up}, the gated MLP of Llama and Qwen. */
    public static Tensor swiglu(Tensor gate, Tensor up) {
        Shapes.requireSameShape("swiglu", gate, up);
        Tensor out = Tensor.output(gate.shape());
        Backend.current()
                .launch(
                        Kernel.SWIGLU_FORWARD,
                        gate.size(),
                        COST,
                        out.storage(),
                        0,
                        gate.storage(),
                        gate.offset(),
                        up.storage(),
                        up.offset());
        out.recordBackward(
                () -> { // both gradients come out of one pass
                    GradTarget dg = gate.gradTarget(false);
                    GradTarget du = up.gradTarget(false);
                    Tensor g = out.grad();
                    Backend.current()
                            .launch(
                                    Kernel.SWIGLU_BACKWARD,
                                    gate.size(),
                                    COST,
                                    dg.storage(),
                                    dg.offset(),
                                    du.storage(),
                                    du.offset(),
                                    gate.storage(),
                                    gate.offset(),
                                    up.storage(),
                                    up.offset(),
                                    g.storage(),
                                    g.offset());
                },
                gate,
                up);
        return out;
    }
}
