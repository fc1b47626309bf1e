package org.fedcot.models.transformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Tensor;

/**
 * LoRA adapters attached to a model's target linear layers (see {@link LoraSpec}): each gets A [r, in],
 * initialised as PEFT does (kaiming-uniform with a = sqrt(5), i.e. uniform(-1/sqrt(in), 1/sqrt(in))),
 * and B [out, r], zero, so the adapted model starts equal to the base one. Attaching freezes every base
 * parameter (no gradients, so no optimiser state); only the adapters train.
 *
 * <pre>{@code
 * LoraAdapters lora = LoraAdapters.attach(model, new LoraSpec(8, 16, 0.05, List.of("q_proj", "v_proj")), 42);
 * AdamW opt = new AdamW(lora.parameters(), ...);
 * lora.merge(); // folds W + (alpha/r) B A into the base weights: a plain model again
 * }</pre>
 */
public final class LoraAdapters {
    /** Suffixes of an adapter's tensors after its module name, PEFT's names. */
    public static final String A = ".lora_A.weight";

    public static final String B = ".lora_B.weight";

    private final DecoderModel model;
    private final LoraSpec spec;
    private final Map<String, Dense> layers;
    private boolean merged;

    private LoraAdapters(DecoderModel model, LoraSpec spec, Map<String, Dense> layers) {
        this.model = model;
        this.spec = spec;
        this.layers = layers;
    }

    /**
     * Attaches adapters to every linear layer of {@code model} that {@code spec} targets and freezes the
     * base parameters. A's draws depend only on {@code seed}.
     *
     * @throws IllegalArgumentException if the model already has adapters, or no layer matches the targets
     *                                  (the message lists the layers' names)
     */
    public static LoraAdapters attach(DecoderModel model, LoraSpec spec, long seed) {
        Map<String, Dense> all = model.linearLayers();
        Map<String, Dense> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, Dense> e : all.entrySet()) {
            if (e.getValue().lora() != null) {
                throw new IllegalArgumentException("lora: the model already has adapters (on " + e.getKey() + ")");
            }
            if (spec.matches(e.getKey())) {
                chosen.put(e.getKey(), e.getValue());
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("lora targets " + String.join(", ", spec.targets())
                    + " match no linear layer of the "
                    + model.config().modelType().hfName() + " model; its layers end in "
                    + String.join(", ", layerKinds(all)));
        }
        SplittableRandom root = new SplittableRandom(seed);
        for (Map.Entry<String, Dense> e : chosen.entrySet()) {
            int out = e.getValue().outputs();
            int in = e.getValue().inputs();
            Tensor a = Tensor.zeros(spec.rank(), in).named(e.getKey() + A).requiresGrad(true);
            Tensor b = Tensor.zeros(out, spec.rank()).named(e.getKey() + B).requiresGrad(true);
            SplittableRandom rng = root.split();
            double bound = 1 / Math.sqrt(in);
            float[] ad = a.hostData();
            for (int i = 0; i < a.size(); i++) {
                ad[i] = (float) rng.nextDouble(-bound, bound);
            }
            e.getValue().lora(new LoraLayer(a, b, spec.scale(), (float) spec.dropout()));
        }
        for (Tensor p : model.namedParameters().values()) {
            p.requiresGrad(false);
        }
        return new LoraAdapters(model, spec, chosen);
    }

    /** The distinct last parts of the layers' names (q_proj, dense_h_to_4h, ...), for messages. */
    private static List<String> layerKinds(Map<String, Dense> layers) {
        List<String> kinds = new ArrayList<>();
        for (String name : layers.keySet()) {
            String kind = name.substring(name.lastIndexOf('.') + 1);
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The configuration the adapters were made with. */
    public LoraSpec spec() {
        return spec;
    }

    /** The model they are attached to. */
    public DecoderModel model() {
        return model;
    }

    /** The adapted layers' module names, in the model's order. */
    public List<String> modules() {
        return List.copyOf(layers.keySet());
    }

    /**
     * Every adapter tensor, {@code <module>.lora_A.weight} then {@code <module>.lora_B.weight} per
     * module, in the model's order; the tensors themselves (reading into them loads an adapter).
     */
    public Map<String, Tensor> tensors() {
        requireAttached();
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, Dense> e : layers.entrySet()) {
            LoraLayer l = e.getValue().lora();
            t.put(e.getKey() + A, l.a());
            t.put(e.getKey() + B, l.b());
        }
        return t;
    }

    /** The trainable parameters, in the order of {@link #tensors()}. */
    public List<Tensor> parameters() {
        return List.copyOf(tensors().values());
    }

    /**
     * Turns the adapters' dropout on for a training step, its masks drawn from {@code stepSeed}
     * (each layer's from its own stream), or off with {@link #eval()}. Off when attached.
     */
    public void train(long stepSeed) {
        requireAttached();
        SplittableRandom root = new SplittableRandom(stepSeed);
        for (Dense d : layers.values()) {
            d.lora().seed(root.nextLong() >>> 1);
        }
    }

    /** Turns dropout off: the adapters compute their output deterministically, as PEFT's eval mode. */
    public void eval() {
        requireAttached();
        for (Dense d : layers.values()) {
            d.lora().seed(-1);
        }
    }

    /**
     * Folds every adapter into its base weight, {@code W + (alpha/r) B A}, detaches the adapters and
     * unfreezes the base parameters: the model is then a plain one, which a checkpoint writer saves
     * as such. The adapters cannot be used afterwards.
     *
     * @throws IllegalStateException naming a weight, before changing anything, when the model holds
     *                               frozen 16-bit weights (which can neither take the sum nor train)
     */
    public void merge() {
        requireAttached();
        if (!model.halfWeights().isEmpty()) {
            HalfWeight w = model.halfWeights().values().iterator().next();
            throw new IllegalStateException("lora: cannot merge into " + w.name() + ", a frozen " + w.format()
                    + " weight (a merged model trains whole); load the base model with float32 weights to merge");
        }
        for (Dense d : layers.values()) {
            Tensor w = d.weight();
            float[] m = d.lora().merged(w);
            System.arraycopy(m, 0, w.hostData(), w.offset(), m.length);
            d.lora(null);
        }
        for (Tensor p : model.namedParameters().values()) {
            p.requiresGrad(true);
        }
        merged = true;
    }

    private void requireAttached() {
        if (merged) {
            throw new IllegalStateException("lora: the adapters were merged into the model");
        }
    }
}
