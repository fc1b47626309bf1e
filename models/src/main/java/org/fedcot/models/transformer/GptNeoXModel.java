package org.fedcot.models.transformer;

import org.fedcot.models.transformer.ParameterSet.Init;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Norms;
import org.fedcot.tensor.ops.Slice;

/**
 * GPT-NeoX and Pythia (Hugging Face's GPTNeoXForCausalLM): LayerNorm with bias, one fused
 * query_key_value projection, partial rotary over the first rotary_pct of each head, a GELU MLP with
 * biases, and either the parallel residual {@code x + attn(ln1(x)) + mlp(ln2(x))} or the sequential
 * one.
 *
 * <p>The fused projection's output rows are laid out per head, [heads, 3, headDim] (Hugging Face views
 * its output as [batch, seq, heads, 3 * headDim]), so q, k and v are slices of each head's 3 * headDim
 * columns, not thirds of the whole output.
 */
final class GptNeoXModel extends DecoderModel {
    private record Layer(
            Tensor ln1Weight,
            Tensor ln1Bias,
            Tensor ln2Weight,
            Tensor ln2Bias,
            Dense qkv,
            Dense dense,
            Dense up,
            Dense down) {}

    private final Tensor embedIn;
    private final Layer[] layers;
    private final Tensor finalNormWeight;
    private final Tensor finalNormBias;
    private final Dense embedOut;

    GptNeoXModel(TransformerConfig c, HalfPlan halves) {
        super(c, halves);
        int C = c.hiddenSize();
        embedIn = params.add("gpt_neox.embed_in.weight", Init.NORMAL, c.vocabSize(), C);
        layers = new Layer[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "gpt_neox.layers." + l + ".";
            // registered in the order of Hugging Face's modules: the two norms, attention, MLP
            Tensor ln1w = params.add(p + "input_layernorm.weight", Init.ONES, C);
            Tensor ln1b = params.add(p + "input_layernorm.bias", Init.ZEROS, C);
            Tensor ln2w = params.add(p + "post_attention_layernorm.weight", Init.ONES, C);
            Tensor ln2b = params.add(p + "post_attention_layernorm.bias", Init.ZEROS, C);
            Dense qkv = params.dense(p + "attention.query_key_value", 3 * C, C, c.qkvBias());
            Dense dense = params.dense(p + "attention.dense", C, C, c.outputBias());
            Dense up = params.dense(p + "mlp.dense_h_to_4h", c.intermediateSize(), C, true);
            Dense down = params.dense(p + "mlp.dense_4h_to_h", C, c.intermediateSize(), true);
            layers[l] = new Layer(ln1w, ln1b, ln2w, ln2b, qkv, dense, up, down);
        }
        finalNormWeight = params.add("gpt_neox.final_layer_norm.weight", Init.ONES, C);
        finalNormBias = params.add("gpt_neox.final_layer_norm.bias", Init.ZEROS, C);
        embedOut = new Dense(
                c.tieWordEmbeddings() ? embedIn : params.add("embed_out.weight", Init.NORMAL, c.vocabSize(), C), null);
    }

    @Override
    Tensor embed(int[] ids) {
        return Embedding.lookup(embedIn, ids);
    }

    @Override
    Tensor layer(int index, Tensor x, Pass pass) {
        TransformerConfig c = config();
        Layer w = layers[index];
        int B = pass.batch();
        int T = pass.seqLen();
        int H = c.numHeads();
        int D = c.headDim();
        float eps = (float) c.normEps();
        Tensor qkv = w.qkv.apply(Norms.layerNorm(x, w.ln1Weight, w.ln1Bias, eps), pass)
                .reshape(B, T, H, 3 * D);
        Tensor q = rope(Slice.lastDim(qkv, 0, D), pass);
        Tensor k = rope(Slice.lastDim(qkv, D, 2 * D), pass);
        Tensor v = Slice.lastDim(qkv, 2 * D, 3 * D);
        Tensor attn = w.dense.apply(attend(index, q, k, v, pass).reshape(B * T, c.hiddenSize()), pass);
        if (c.parallelResidual()) {
            Tensor mlp = mlp(w, Norms.layerNorm(x, w.ln2Weight, w.ln2Bias, eps), pass);
            return Elementwise.add(Elementwise.add(x, attn), mlp);
        }
        Tensor mid = Elementwise.add(x, attn);
        return Elementwise.add(mid, mlp(w, Norms.layerNorm(mid, w.ln2Weight, w.ln2Bias, eps), pass));
    }

    private Tensor mlp(Layer w, Tensor h, Pass pass) {
        return w.down.apply(config().hiddenAct().apply(w.up.apply(h, pass)), pass);
    }

    @Override
    Tensor head(Tensor x, Pass pass) {
        Tensor h = Norms.layerNorm(x, finalNormWeight, finalNormBias, (float) config().normEps());
        return embedOut.apply(h, pass);
    }
}
