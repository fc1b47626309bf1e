package org.fedcot.models.transformer;

import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Linear;

/** A linear layer's parameters: weight [out, in] (PyTorch layout) and an optional bias [out]. */
record Dense(Tensor weight, Tensor bias) {
    /** {@code x · weight^T + bias}, through the pass's packed weights when it decodes with them. */
    Tensor apply(Tensor x, DecoderModel.Pass pass) {
        DecodeWeights packed = pass.weights();
        return packed == null ? Linear.forward(x, weight, bias) : Linear.forward(x, packed.of(this), bias);
    }
}
