package org.fedcot.models.transformer;

import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Linear;

/**
 * A linear layer's parameters: weight [out, in] (PyTorch layout), either a float32 parameter or a
 * frozen 16-bit {@link HalfWeight}, an optional bias [out], and an optional LoRA adapter that
 * {@link LoraAdapters} attaches.
 */
final class Dense {
    private final Tensor weight;
    private final HalfWeight half;
    private final Tensor bias;
    private LoraLayer lora;

    Dense(Tensor weight, Tensor bias) {
        this.weight = weight;
        this.half = null;
        this.bias = bias;
    }

    Dense(HalfWeight weight, Tensor bias) {
        this.weight = null;
        this.half = weight;
        this.bias = bias;
    }

    /** The float32 weight, or null when the layer's weight is a frozen {@link #half()} one. */
    Tensor weight() {
        return weight;
    }

    /** The frozen 16-bit weight, or null when the weight is a float32 parameter. */
    HalfWeight half() {
        return half;
    }

    /** Outputs: the weight's first dimension. */
    int outputs() {
        return half != null ? half.rows() : weight.dim(0);
    }

    /** Inputs: the weight's second dimension. */
    int inputs() {
        return half != null ? half.cols() : weight.dim(1);
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
     * A 16-bit weight is never packed (that would be a float32 copy): it is widened inside the product.
     */
    Tensor apply(Tensor x, DecoderModel.Pass pass) {
        DecodeWeights packed = pass.weights();
        if (packed != null && half == null) {
            return Linear.forward(x, packed.of(this), bias);
        }
        Tensor y = half != null ? Linear.forward(x, half, bias) : Linear.forward(x, weight, bias);
        return lora == null ? y : lora.add(y, x);
    }
}
