package org.fedcot.models.transformer;

import java.util.Optional;
import org.fedcot.tensor.HalfWeight;

/**
 * Which linear weights a new model holds as frozen 16-bit values ({@link HalfWeight}) instead of
 * float32 parameters: a checkpoint loader asks for the ones its files store in bf16 or f16, so a
 * frozen base (LoRA's) takes two bytes per value. Embeddings, norms, biases and the output layer stay
 * float32 parameters.
 */
@FunctionalInterface
public interface HalfPlan {
    /** Every weight a float32 parameter. */
    HalfPlan NONE = name -> Optional.empty();

    /** The format to hold linear weight {@code name} ({@code <module>.weight}) in, or empty for float32. */
    Optional<HalfWeight.Format> formatOf(String name);
}
