package org.fedcot.models.transformer;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
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

    /** Registers a zero-filled parameter that wants gradients. */
    Tensor add(String name, Init init, int... shape) {
        if (byName.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " registered twice");
        }
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

    /** A linear layer {@code prefix.weight} [out, in] with an optional {@code prefix.bias} [out]. */
    Dense dense(String prefix, int out, int in, boolean bias) {
        Tensor w = add(prefix + ".weight", Init.NORMAL, out, in);
        Dense d = new Dense(w, bias ? add(prefix + ".bias", Init.ZEROS, out) : null);
        denses.put(prefix, d);
        return d;
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
