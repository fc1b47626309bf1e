package org.fedcot.models.transformer;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.TensorOutOfMemoryError;

/**
 * A model's parameters under their Hugging Face names, in registration order (the order of the
 * Hugging Face state dict), each remembering how it is randomly initialised.
 */
final class ParameterSet {
    /** How {@link #initialize} fills a parameter, as Hugging Face's {@code _init_weights} does. */
    enum Init {
        /** normal(0, initializer_range): linear and embedding weights */
        NORMAL,
        /** norm weights */
        ONES,
        /** biases */
        ZEROS
    }

    private final Map<String, Tensor> byName = new LinkedHashMap<>();
    private final Map<String, Init> inits = new HashMap<>();
    private final Map<String, Dense> denses = new LinkedHashMap<>();
    private final Map<String, HalfWeight> halves = new LinkedHashMap<>();
    private final HalfPlan halfPlan;

    ParameterSet(HalfPlan halfPlan) {
        this.halfPlan = halfPlan;
    }

    /** Registers a zero-filled parameter that wants gradients. */
    Tensor add(String name, Init init, int... shape) {
        requireNew(name);
        Tensor t;
        try {
            t = Tensor.zeros(shape).named(name).requiresGrad(true);
        } catch (TensorOutOfMemoryError e) {
            throw e.named(name); // the parameter's name tells the user which part of the model did not fit
        }
        byName.put(name, t);
        inits.put(name, init);
        return t;
    }

    private void requireNew(String name) {
        if (byName.containsKey(name) || halves.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " registered twice");
        }
    }

    /**
     * A linear layer {@code prefix.weight} [out, in] with an optional {@code prefix.bias} [out]; the
     * weight is a frozen {@link HalfWeight} when the set's {@link HalfPlan} names it.
     */
    Dense dense(String prefix, int out, int in, boolean bias) {
        String name = prefix + ".weight";
        Optional<HalfWeight.Format> format = halfPlan.formatOf(name);
        Dense d;
        if (format.isPresent()) {
            requireNew(name);
            HalfWeight w = new HalfWeight(name, format.get(), out, in);
            halves.put(name, w);
            d = new Dense(w, bias ? add(prefix + ".bias", Init.ZEROS, out) : null);
        } else {
            Tensor w = add(name, Init.NORMAL, out, in);
            d = new Dense(w, bias ? add(prefix + ".bias", Init.ZEROS, out) : null);
        }
        denses.put(prefix, d);
        return d;
    }

    /** The frozen 16-bit weights {@link #dense} made, by name, unmodifiable. */
    Map<String, HalfWeight> halves() {
        return Collections.unmodifiableMap(halves);
    }

    /** The linear layers {@link #dense} registered, by module name (the prefix), in registration order. */
    Map<String, Dense> denses() {
        return Collections.unmodifiableMap(denses);
    }

    /** The parameters by name, unmodifiable, in registration order. */
    Map<String, Tensor> asMap() {
        return Collections.unmodifiableMap(byName);
    }

    /**
     * Overwrites every parameter: normal(0, std) weights, ones, zeros. Each parameter draws from its
     * own stream split off {@code seed} in registration order, so the result depends only on the seed.
     */
    void initialize(long seed, double std) {
        SplittableRandom root = new SplittableRandom(seed);
        for (Map.Entry<String, Tensor> e : byName.entrySet()) {
            SplittableRandom rng = root.split();
            Tensor t = e.getValue();
            float[] d = t.hostData();
            for (int i = 0; i < t.size(); i++) {
                d[t.offset() + i] = switch (inits.get(e.getKey())) {
                    case NORMAL -> (float) (rng.nextGaussian() * std);
                    case ONES -> 1f;
                    case ZEROS -> 0f;
                };
            }
        }
    }
}
