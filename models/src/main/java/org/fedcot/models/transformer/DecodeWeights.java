package org.fedcot.models.transformer;

import java.util.IdentityHashMap;
import java.util.Map;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.PackedWeight;

/**
 * The packed copies of a model's linear weights that decode steps multiply with (see
 * {@link PackedWeight}): each layer is packed the first time a step uses it. They are copies of the
 * weights as they were then, so they belong to a {@link SlotCache}, made to decode a model that no
 * longer trains; memory: one more copy of the linear weights. A layer with a LoRA adapter is packed
 * merged, {@code W + (alpha/r) B A}, exactly as {@link LoraAdapters#merge} would fold it in, so its
 * decode steps equal those of the merged model.
 */
final class DecodeWeights {
    private final Map<Dense, PackedWeight> packed = new IdentityHashMap<>();

    /** The packed copy of {@code layer}'s weight. */
    PackedWeight of(Dense layer) {
        return packed.computeIfAbsent(layer, d -> {
            Tensor w = d.weight();
            if (d.lora() != null) {
                return PackedWeight.pack(d.lora().merged(w), 0, w.dim(0), w.dim(1));
            }
            return PackedWeight.pack(w.hostData(), w.offset(), w.dim(0), w.dim(1));
        });
    }
}
