package org.fedcot.models.transformer;

import java.util.Optional;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Activations;

/** The MLP activation named by config.json's {@code hidden_act}. */
public enum HiddenAct {
    /** {@code silu}: the gate of Llama/Qwen's SwiGLU MLP. */
    SILU("silu"),
    /** {@code gelu}: exact GELU with erf (GPT-NeoX, Pythia). */
    GELU_ERF("gelu"),
    /** {@code gelu_new} (also {@code gelu_fast}, {@code gelu_pytorch_tanh}): the tanh approximation. */
    GELU_TANH("gelu_new");

    private final String hfName;

    HiddenAct(String hfName) {
        this.hfName = hfName;
    }

    /** The name written to config.json. */
    public String hfName() {
        return hfName;
    }

    /** The activation for a {@code hidden_act} value; the tanh GELU variants all map to {@link #GELU_TANH}. */
    public static Optional<HiddenAct> fromHfName(String name) {
        return Optional.ofNullable(
                switch (name) {
                    case "silu", "swish" -> SILU;
                    case "gelu" -> GELU_ERF;
                    case "gelu_new", "gelu_fast", "gelu_pytorch_tanh" -> GELU_TANH;
                    default -> null;
                });
    }

    /** Applies the activation element-wise (with autograd). */
    public Tensor apply(Tensor x) {
        return switch (this) {
            case SILU -> Activations.silu(x);
            case GELU_ERF -> Activations.geluErf(x);
            case GELU_TANH -> Activations.geluTanh(x);
        };
    }
}
