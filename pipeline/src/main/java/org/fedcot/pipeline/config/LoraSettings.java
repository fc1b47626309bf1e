package org.fedcot.pipeline.config;

import java.util.List;

/**
 * {@code train.lora}: train LoRA adapters on the frozen SLM instead of all of its weights (PEFT's LoraConfig).
 *
 * @param rank    r (default 8)
 * @param alpha   lora_alpha; the adapters' output is scaled by alpha / r (default 16)
 * @param dropout lora_dropout on the adapters' input while training (default 0.05)
 * @param targets the linear layers to adapt by Hugging Face module name; unset: q_proj and v_proj for Llama
 *                and Qwen2, query_key_value for GPT-NeoX
 */
public record LoraSettings(Integer rank, Double alpha, Double dropout, List<String> targets) {
    /** Fills unset values with the defaults. */
    public LoraSettings {
        rank = rank == null ? 8 : rank;
        alpha = alpha == null ? 16.0 : alpha;
        dropout = dropout == null ? 0.05 : dropout;
        targets = targets == null ? null : List.copyOf(targets);
    }
}
