package org.fedcot.models.transformer;

import java.util.Optional;

/** The decoder-only architectures this module implements, by their Hugging Face {@code model_type}. */
public enum ModelType {
    /** Llama (and llama2.c checkpoints): RMSNorm, rotary, grouped-query attention, SwiGLU. */
    LLAMA("llama", "LlamaForCausalLM", new LlamaArchitecture()),
    /** Qwen2: Llama with biases on the query, key and value projections. */
    QWEN2("qwen2", "Qwen2ForCausalLM", new Qwen2Architecture()),
    /** GPT-NeoX / Pythia: LayerNorm, fused QKV, partial rotary, parallel residual, GELU MLP. */
    GPT_NEOX("gpt_neox", "GPTNeoXForCausalLM", new GptNeoXArchitecture());

    private final String hfName;
    private final String hfClass;
    private final Architecture architecture;

    ModelType(String hfName, String hfClass, Architecture architecture) {
        this.hfName = hfName;
        this.hfClass = hfClass;
        this.architecture = architecture;
    }

    /** The {@code model_type} value of config.json. */
    public String hfName() {
        return hfName;
    }

    /** The Hugging Face class name written to config.json's {@code architectures}. */
    public String hfClass() {
        return hfClass;
    }

    /** Its defaults, config.json fields, checks and model. */
    public Architecture architecture() {
        return architecture;
    }

    /** The type whose {@code model_type} is {@code name}, if supported. */
    public static Optional<ModelType> fromHfName(String name) {
        for (ModelType t : values()) {
            if (t.hfName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The supported {@code model_type} values, for error messages: "llama, qwen2, gpt_neox". */
    public static String supportedNames() {
        StringBuilder sb = new StringBuilder();
        for (ModelType t : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(t.hfName);
        }
        return sb.toString();
    }
}
