package org.fedcot.models.transformer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.checkpoint.ConfigFields;

/** GPT-NeoX / Pythia: LayerNorm, fused QKV, partial rotary, parallel residual, GELU MLP; see {@link GptNeoXModel}. */
final class GptNeoXArchitecture implements Architecture {
    @Override
    public void defaults(TransformerConfigBuilder b) {
        b.normEps(1e-5)
                .rotaryPct(0.25)
                .parallelResidual(true)
                .attentionBias(true)
                .mlpBias(true)
                .hiddenAct(HiddenAct.GELU_ERF)
                .maxPositionEmbeddings(2048)
                .bosTokenId(OptionalInt.of(0))
                .eosTokenIds(List.of(2));
    }

    @Override
    public void read(ConfigFields f, TransformerConfigBuilder b) throws CheckpointException {
        f.optionalDouble("layer_norm_eps").ifPresent(b::normEps);
        f.optionalDouble(f.has("rotary_emb_base") ? "rotary_emb_base" : "rope_theta")
                .ifPresent(b::ropeTheta);
        f.optionalDouble(f.has("rotary_pct") ? "rotary_pct" : "partial_rotary_factor")
                .ifPresent(b::rotaryPct);
        f.optionalBoolean("use_parallel_residual").ifPresent(b::parallelResidual);
    }

    @Override
    public void write(TransformerConfig c, ObjectNode o) {
        o.put("layer_norm_eps", c.normEps());
        o.put("rotary_emb_base", c.ropeTheta());
        o.put("rotary_pct", c.rotaryPct());
        o.put("use_parallel_residual", c.parallelResidual());
        o.put("attention_bias", c.attentionBias());
    }

    @Override
    public void check(TransformerConfig c) {
        Architecture.requireHeadsTileHidden(c);
        if (c.numKvHeads() != c.numHeads()) {
            throw new IllegalArgumentException("config: gpt_neox has no grouped-query attention, numKvHeads "
                    + c.numKvHeads() + " must equal numHeads " + c.numHeads());
        }
    }

    /** GPT-NeoX's MLP always has biases. */
    @Override
    public boolean mlpBias(TransformerConfig c) {
        return true;
    }

    @Override
    public DecoderModel create(TransformerConfig c, HalfPlan halves) {
        return new GptNeoXModel(c, halves);
    }
}
