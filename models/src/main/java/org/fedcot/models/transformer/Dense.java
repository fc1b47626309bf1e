package org.fedcot.models.transformer;

import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Linear;

/** A linear layer's parameters: weight [out, in] (PyTorch layout) and an optional bias [out]. */
record Dense(Tensor weight, Tensor bias) {
    Tensor apply(Tensor x) {
        return Linear.forward(x, weight, bias);
    }
}
