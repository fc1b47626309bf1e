package org.fedcot.models.transformer;

import java.util.List;
import java.util.OptionalInt;

/**
 * The architecture of a decoder-only transformer, field for field as Hugging Face's config.json
 * names it (see {@link org.fedcot.models.checkpoint.HfConfig} for the mapping). Build one with
 * {@link #builder(ModelType)}, which starts from Hugging Face's defaults for the model type.
 *
 * @param modelType             the architecture
 * @param vocabSize             {@code vocab_size}
 * @param hiddenSize            {@code hidden_size}, the residual width
 * @param intermediateSize      {@code intermediate_size}, the MLP width
 * @param numLayers             {@code num_hidden_layers}
 * @param numHeads              {@code num_attention_heads}
 * @param numKvHeads            {@code num_key_value_heads} (grouped-query attention); equals numHeads for GPT-NeoX
 * @param headDim               {@code head_dim} (Llama only may differ from hiddenSize / numHeads)
 * @param normEps               {@code rms_norm_eps} (Llama, Qwen2) or {@code layer_norm_eps} (GPT-NeoX)
 * @param ropeTheta             {@code rope_theta} ({@code rotary_emb_base} for GPT-NeoX)
 * @param rotaryPct             {@code rotary_pct}: the fraction of each head that rotates (1 for Llama, Qwen2)
 * @param parallelResidual      {@code use_parallel_residual} (GPT-NeoX only)
 * @param tieWordEmbeddings     {@code tie_word_embeddings}: the output layer reuses the input embedding
 * @param attentionBias         {@code attention_bias}: Llama's q/k/v/o biases, GPT-NeoX's attention biases;
 *                              ignored for Qwen2, which always has q/k/v biases and no o bias
 * @param mlpBias               {@code mlp_bias} (Llama); GPT-NeoX's MLP always has biases, Qwen2's never
 * @param hiddenAct             {@code hidden_act}; Llama and Qwen2 need {@link HiddenAct#SILU} (the SwiGLU gate)
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param initializerRange      {@code initializer_range}: std of the normal initialisation
 * @param bosTokenId            {@code bos_token_id}, when there is one
 * @param eosTokenIds           {@code eos_token_id}: none, one, or several ids
 */
public record TransformerConfig(
        ModelType modelType,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        double normEps,
        double ropeTheta,
        double rotaryPct,
        boolean parallelResidual,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean mlpBias,
        HiddenAct hiddenAct,
        int maxPositionEmbeddings,
        double initializerRange,
        OptionalInt bosTokenId,
        List<Integer> eosTokenIds) {

    /**
     * Checks that the sizes are positive and consistent; the builder then adds the architecture's
     * own checks ({@link Architecture#check}).
     */
    public TransformerConfig {
        if (modelType == null || hiddenAct == null || bosTokenId == null || eosTokenIds == null) {
            throw new IllegalArgumentException(
                    "config: modelType, hiddenAct, bosTokenId and eosTokenIds must not be null");
        }
        eosTokenIds = List.copyOf(eosTokenIds);
        positive("vocabSize", vocabSize);
        positive("hiddenSize", hiddenSize);
        positive("intermediateSize", intermediateSize);
        positive("numLayers", numLayers);
        positive("numHeads", numHeads);
        positive("numKvHeads", numKvHeads);
        positive("headDim", headDim);
        positive("maxPositionEmbeddings", maxPositionEmbeddings);
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException(
                    "config: numHeads " + numHeads + " is not a multiple of numKvHeads " + numKvHeads);
        }
        if (!(normEps > 0) || !(ropeTheta > 0) || !(initializerRange >= 0)) {
            throw new IllegalArgumentException("config: normEps " + normEps + " and ropeTheta " + ropeTheta
                    + " must be > 0, initializerRange " + initializerRange + " >= 0");
        }
        if (!(rotaryPct > 0 && rotaryPct <= 1)) {
            throw new IllegalArgumentException("config: rotaryPct " + rotaryPct + " must be in (0, 1]");
        }
        int rotDim = (int) (headDim * rotaryPct);
        if (rotDim % 2 != 0) {
            throw new IllegalArgumentException("config: rotary dimension " + rotDim + " (headDim " + headDim
                    + " x rotaryPct " + rotaryPct + ") must be even");
        }
    }

    /**
     * This config, after its architecture's own checks.
     *
     * @throws IllegalArgumentException naming the value the architecture cannot hold
     */
    TransformerConfig checked() {
        modelType.architecture().check(this);
        return this;
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("config: " + field + " must be positive, got " + value);
        }
    }

    /** A builder starting from Hugging Face's defaults for {@code type}; the sizes must be set. */
    public static TransformerConfigBuilder builder(ModelType type) {
        return new TransformerConfigBuilder(type);
    }

    /** A builder holding this config's values, to derive a variant. */
    public TransformerConfigBuilder toBuilder() {
        return new TransformerConfigBuilder(this);
    }

    /** Whether the query, key and value projections have biases. */
    public boolean qkvBias() {
        return modelType.architecture().qkvBias(this);
    }

    /** Whether the attention output projection (o_proj, dense) has a bias. */
    public boolean outputBias() {
        return modelType.architecture().outputBias(this);
    }

    /** Whether the MLP projections have biases. */
    public boolean mlpHasBias() {
        return modelType.architecture().mlpBias(this);
    }

    /** Leading dimensions of each head that rotate: {@code (int) (headDim * rotaryPct)}, as Hugging Face rounds. */
    public int rotaryDim() {
        return (int) (headDim * rotaryPct);
    }

    /** Width of all query heads together, {@code numHeads * headDim}. */
    public int queryDim() {
        return numHeads * headDim;
    }

    /** Width of all key (or value) heads together, {@code numKvHeads * headDim}. */
    public int kvDim() {
        return numKvHeads * headDim;
    }
}
