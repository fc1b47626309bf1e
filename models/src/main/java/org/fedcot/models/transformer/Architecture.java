package org.fedcot.models.transformer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.checkpoint.ConfigFields;

/**
 * Everything one decoder architecture adds to the common transformer config: its Hugging Face
 * defaults, the config.json fields only it has (read and written), the values it refuses, where its
 * biases sit, and its model. Each {@link ModelType} carries one, so a new architecture is a class
 * implementing this (with its {@link DecoderModel}) and one line in {@code ModelType}.
 */
public interface Architecture {
    /** Hugging Face's defaults for the fields config.json may leave out (the sizes have none). */
    void defaults(TransformerConfigBuilder b);

    /** Reads the fields only this architecture has; the common ones are read by {@code HfConfig}. */
    void read(ConfigFields f, TransformerConfigBuilder b) throws CheckpointException;

    /** Writes the fields only this architecture has, as its Hugging Face config class names them. */
    void write(TransformerConfig c, ObjectNode o);

    /**
     * Refuses values this architecture cannot hold (the common checks have passed).
     *
     * @throws IllegalArgumentException naming the field
     */
    void check(TransformerConfig c);

    /** Whether the query, key and value projections have biases: by default as attention_bias says. */
    default boolean qkvBias(TransformerConfig c) {
        return c.attentionBias();
    }

    /** Whether the attention output projection has a bias: by default as attention_bias says. */
    default boolean outputBias(TransformerConfig c) {
        return c.attentionBias();
    }

    /** Whether the MLP projections have biases: by default as mlp_bias says. */
    default boolean mlpBias(TransformerConfig c) {
        return c.mlpBias();
    }

    /**
     * A model of {@code c} with every parameter zero, its linear weights held as {@code halves} says
     * (float32 parameters with {@link HalfPlan#NONE}).
     */
    DecoderModel create(TransformerConfig c, HalfPlan halves);

    /**
     * Refuses heads that do not exactly tile the hidden size, which every architecture but Llama
     * (with its head_dim) needs.
     */
    static void requireHeadsTileHidden(TransformerConfig c) {
        if (c.headDim() * c.numHeads() != c.hiddenSize()) {
            throw new IllegalArgumentException("config: " + c.modelType().hfName() + " needs headDim x numHeads =="
                    + " hiddenSize, got " + c.headDim() + " x " + c.numHeads() + " != " + c.hiddenSize());
        }
    }
}
