package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.ActivationKernels;

/** GELU (tanh approximation and exact erf form), SiLU and SwiGLU. */
public final class Activations {
    private static final long COST = 20;
    private static final Class<?> K = ActivationKernels.class;

    private Activations() {
    }

    public static Tensor geluTanh(Tensor x) {
        Tensor out = Tensor.uninitialized(x.shape());
        Dispatch.run(K, "geluTanhForward", x.size(), COST, (lo, hi) ->
                ActivationKernels.geluTanhForward(out.data(), 0, x.data(), x.offset(), lo, hi),
                out.buffer(), 0, x.buffer(), x.offset());
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            Tensor g = out.grad();
            Dispatch.run(K, "geluTanhBackward", x.size(), COST, (lo, hi) -> ActivationKernels.geluTanhBackward(
                    dx.data(), dx.offset(), x.data(), x.offset(), g.data(), g.offset(), lo, hi),
                    dx.buffer(), dx.offset(), x.buffer(), x.offset(), g.buffer(), g.offset());
        }, x);
        return out;
    }

    public static Tensor geluErf(Tensor x) {
        Tensor out = Tensor.uninitialized(x.shape());
        Dispatch.run(K, "geluErfForward", x.size(), COST, (lo, hi) ->
                ActivationKernels.geluErfForward(out.data(), 0, x.data(), x.offset(), lo, hi),
                out.buffer(), 0, x.buffer(), x.offset());
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            Tensor g = out.grad();
            Dispatch.run(K, "geluErfBackward", x.size(), COST, (lo, hi) -> ActivationKernels.geluErfBackward(
                    dx.data(), dx.offset(), x.data(), x.offset(), g.data(), g.offset(), lo, hi),
                    dx.buffer(), dx.offset(), x.buffer(), x.offset(), g.buffer(), g.offset());
        }, x);
        return out;
    }

    public static Tensor silu(Tensor x) {
        Tensor out = Tensor.uninitialized(x.shape());
        Dispatch.run(K, "siluForward", x.size(), COST, (lo, hi) ->
                ActivationKernels.siluForward(out.data(), 0, x.data(), x.offset(), lo, hi),
                out.buffer(), 0, x.buffer(), x.offset());
        out.recordBackward(() -> {
            Tensor dx = x.gradBuffer();
            Tensor g = out.grad();
            Dispatch.run(K, "siluBackward", x.size(), COST, (lo, hi) -> ActivationKernels.siluBackward(
                    dx.data(), dx.offset(), x.data(), x.offset(), g.data(), g.offset(), lo, hi),
                    dx.buffer(), dx.offset(), x.buffer(), x.offset(), g.buffer(), g.offset());
        }, x);
        return out;
    }

    /** {@code silu(gate) * up}, the gated MLP of Llama and Qwen. */
    public static Tensor swiglu(Tensor gate, Tensor up) {
        Shapes.requireSameShape("swiglu", gate, up);
        Tensor out = Tensor.uninitialized(gate.shape());
        Dispatch.run(K, "swigluForward", gate.size(), COST, (lo, hi) -> ActivationKernels.swigluForward(
                out.data(), 0, gate.data(), gate.offset(), up.data(), up.offset(), lo, hi),
                out.buffer(), 0, gate.buffer(), gate.offset(), up.buffer(), up.offset());
        out.recordBackward(() -> {
            // both gradients come out of one pass; the one not wanted goes to a scratch buffer
            Tensor dg = gate.requiresGrad() ? gate.gradBuffer() : Tensor.empty(gate.shape());
            Tensor du = up.requiresGrad() ? up.gradBuffer() : Tensor.empty(up.shape());
            Tensor g = out.grad();
            Dispatch.run(K, "swigluBackward", gate.size(), COST, (lo, hi) -> ActivationKernels.swigluBackward(
                    dg.data(), dg.offset(), du.data(), du.offset(), gate.data(), gate.offset(), up.data(), up.offset(),
                    g.data(), g.offset(), lo, hi),
                    dg.buffer(), dg.offset(), du.buffer(), du.offset(), gate.buffer(), gate.offset(), up.buffer(),
                    up.offset(), g.buffer(), g.offset());
        }, gate, up);
        return out;
    }
}
