package org.fedcot.models.transformer;

import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Linear;

/**
 * A linear layer's parameters: weight [out, in] (PyTorch layout), an optional bias [out], and an
 * optional LoRA adapter that {@link LoraAdapters} attaches.
 */
final class Dense {
    private final Tensor weight;
    private final Tensor bias;
    private LoraLayer lora;

    Dense(Tensor weight, Tensor bias) {
        this.weight = weight;
        this.bias = bias;
    }

    Tensor weight() {
        return weight;
    }

    Tensor bias() {
        return bias;
    }

    /** The adapter, or null when the layer has none. */
    LoraLayer lora() {
        return lora;
    }

    void lora(LoraLayer adapter) {
        lora = adapter;
    }

    /**
     * {@code x · weight^T + bias}, plus the adapter's term when there is one; through the pass's packed
     * weights when it decodes with them (packed with the adapter folded in, see {@link DecodeWeights}).
     */
    Tensor apply(Tensor x, DecoderModel.Pass pass) {
        DecodeWeights packed = pass.weights();
        if (packed != null) {
            return Linear.forward(x, packed.of(this), bias);
        }
        Tensor y = Linear.forward(x, weight, bias);
        return lora == null ? y : lora.add(y, x);
    }
}
