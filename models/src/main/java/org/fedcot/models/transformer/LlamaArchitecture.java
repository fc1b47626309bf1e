package org.fedcot.models.transformer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.checkpoint.ConfigFields;

/** Llama (and llama2.c checkpoints): RMSNorm, rotary, grouped-query attention, SwiGLU; see {@link LlamaModel}. */
class LlamaArchitecture implements Architecture {
    @Override
    public void defaults(TransformerConfigBuilder b) {
        b.normEps(1e-6)
                .rotaryPct(1)
                .hiddenAct(HiddenAct.SILU)
                .maxPositionEmbeddings(2048)
                .bosTokenId(OptionalInt.of(1))
                .eosTokenIds(List.of(2));
    }

    @Override
    public void read(ConfigFields f, TransformerConfigBuilder b) throws CheckpointException {
        readShared(f, b);
        f.optionalInt("head_dim").ifPresent(b::headDim);
        f.optionalBoolean("mlp_bias").ifPresent(b::mlpBias);
    }

    /** The fields Llama and Qwen2 share. */
    static void readShared(ConfigFields f, TransformerConfigBuilder b) throws CheckpointException {
        f.optionalInt("num_key_value_heads").ifPresent(b::numKvHeads);
        f.optionalDouble("rms_norm_eps").ifPresent(b::normEps);
        f.optionalDouble("rope_theta").ifPresent(b::ropeTheta);
        f.refuse("rope_scaling", "rope scaling is not supported");
    }

    @Override
    public void write(TransformerConfig c, ObjectNode o) {
        writeShared(c, o);
        o.put("head_dim", c.headDim());
        o.put("attention_bias", c.attentionBias());
        o.put("mlp_bias", c.mlpBias());
    }

    static void writeShared(TransformerConfig c, ObjectNode o) {
        o.put("num_key_value_heads", c.numKvHeads());
        o.put("rms_norm_eps", c.normEps());
        o.put("rope_theta", c.ropeTheta());
    }

    /** Llama alone may have heads narrower or wider than hiddenSize / numHeads (head_dim). */
    @Override
    public void check(TransformerConfig c) {
        checkSwiGlu(c);
    }

    /** A SwiGLU MLP with whole-head rotary, as Llama and Qwen2 have. */
    static void checkSwiGlu(TransformerConfig c) {
        if (c.hiddenAct() != HiddenAct.SILU) {
            throw new IllegalArgumentException("config: " + c.modelType().hfName() + " has a SwiGLU MLP, which needs"
                    + " hidden_act 'silu', not '" + c.hiddenAct().hfName() + "'");
        }
        if (c.rotaryPct() != 1) {
            throw new IllegalArgumentException("config: " + c.modelType().hfName()
                    + " rotates whole heads (rotaryPct 1)," + " not " + c.rotaryPct());
        }
    }

    @Override
    public DecoderModel create(TransformerConfig c, HalfPlan halves) {
        return new LlamaModel(c, halves);
    }
}
