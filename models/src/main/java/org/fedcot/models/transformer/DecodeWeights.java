package org.fedcot.models.transformer;

import java.util.IdentityHashMap;
import java.util.Map;
import org.fedcot.tensor.cpu.PackedWeight;

/**
 * The packed copies of a model's linear weights that decode steps multiply with (see
 * {@link PackedWeight}): each layer is packed the first time a step uses it. They are copies of the
 * weights as they were then, so they belong to a {@link SlotCache}, made to decode a model that no
 * longer trains; memory: one more copy of the linear weights.
 */
final class DecodeWeights {
    private final Map<Dense, PackedWeight> packed = new IdentityHashMap<>();

    /** The packed copy of {@code layer}'s weight. */
    PackedWeight of(Dense layer) {
        return packed.computeIfAbsent(layer, d -> {
            var w = d.weight();
            return PackedWeight.pack(w.hostData(), w.offset(), w.dim(0), w.dim(1));
        });
    }
}
