package org.fedcot.models.transformer;

import java.util.List;
import java.util.Locale;

/**
 * A LoRA configuration as PEFT's {@code LoraConfig} holds it: rank r, lora_alpha (the adapter's
 * output is scaled by alpha / r), lora_dropout on the adapter's input while training, and the
 * target modules by Hugging Face name: a target matches a linear layer whose module name equals it
 * or ends with "." + it, as PEFT matches a list ({@code q_proj} matches
 * {@code model.layers.3.self_attn.q_proj}).
 *
 * @param rank    r, at least 1
 * @param alpha   lora_alpha, positive
 * @param dropout lora_dropout, in [0, 1)
 * @param targets target_modules, at least one
 */
public record LoraSpec(int rank, double alpha, double dropout, List<String> targets) {
    /** Checks every value; the messages name the setting. */
    public LoraSpec {
        if (rank < 1) {
            throw new IllegalArgumentException("lora rank must be at least 1, got " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("lora alpha must be positive and finite, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("lora dropout must be in [0, 1), got " + dropout);
        }
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("lora targets: name at least one module, e.g. q_proj");
        }
        for (String t : targets) {
            if (t.isBlank()) {
                throw new IllegalArgumentException("lora targets: a module name is blank");
            }
        }
    }

    /**
     * PEFT's default targets for the architecture: query_key_value for GPT-NeoX, q_proj and v_proj
     * for the Llama family (Llama, Qwen2).
     */
    public static List<String> defaultTargets(ModelType type) {
        return type == ModelType.GPT_NEOX ? List.of("query_key_value") : List.of("q_proj", "v_proj");
    }

    /** The factor of the adapter's output, alpha / r. */
    public float scale() {
        return (float) (alpha / rank);
    }

    /** Whether a linear layer named {@code module} is a target. */
    public boolean matches(String module) {
        for (String t : targets) {
            if (module.equals(t) || module.endsWith("." + t)) {
                return true;
            }
        }
        return false;
    }

    /** For trajectory records and messages: {@code r=8 alpha=16.0 dropout=0.05 targets=q_proj,v_proj}. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "r=%d alpha=%s dropout=%s targets=%s", rank, alpha, dropout, String.join(",", targets));
    }
}
