package org.fedcot.models.transformer;

import org.fedcot.models.transformer.ParameterSet.Init;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Activations;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Norms;

/**
 * Llama and Qwen2 (Hugging Face's LlamaForCausalLM / Qwen2ForCausalLM): pre-norm RMSNorm blocks,
 * rotary attention with grouped-query heads, SwiGLU MLP. Qwen2 differs only in its q/k/v biases,
 * which {@link TransformerConfig#qkvBias()} decides.
 */
final class LlamaModel extends DecoderModel {
    private record Layer(
            Dense q, Dense k, Dense v, Dense o, Dense gate, Dense up, Dense down, Tensor inputNorm, Tensor postNorm) {}

    private final Tensor embedTokens;
    private final Layer[] layers;
    private final Tensor norm;
    private final Dense lmHead;

    LlamaModel(TransformerConfig c, HalfPlan halves) {
        super(c, halves);
        int C = c.hiddenSize();
        embedTokens = params.add("model.embed_tokens.weight", Init.NORMAL, c.vocabSize(), C);
        layers = new Layer[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "model.layers." + l + ".";
            // registered in the order of Hugging Face's modules: attention, MLP, then the two norms
            Dense q = params.dense(p + "self_attn.q_proj", c.queryDim(), C, c.qkvBias());
            Dense k = params.dense(p + "self_attn.k_proj", c.kvDim(), C, c.qkvBias());
            Dense v = params.dense(p + "self_attn.v_proj", c.kvDim(), C, c.qkvBias());
            Dense o = params.dense(p + "self_attn.o_proj", C, c.queryDim(), c.outputBias());
            Dense gate = params.dense(p + "mlp.gate_proj", c.intermediateSize(), C, c.mlpHasBias());
            Dense up = params.dense(p + "mlp.up_proj", c.intermediateSize(), C, c.mlpHasBias());
            Dense down = params.dense(p + "mlp.down_proj", C, c.intermediateSize(), c.mlpHasBias());
            Tensor inputNorm = params.add(p + "input_layernorm.weight", Init.ONES, C);
            Tensor postNorm = params.add(p + "post_attention_layernorm.weight", Init.ONES, C);
            layers[l] = new Layer(q, k, v, o, gate, up, down, inputNorm, postNorm);
        }
        norm = params.add("model.norm.weight", Init.ONES, C);
        lmHead = new Dense(
                c.tieWordEmbeddings() ? embedTokens : params.add("lm_head.weight", Init.NORMAL, c.vocabSize(), C),
                null);
    }

    @Override
    Tensor embed(int[] ids) {
        return Embedding.lookup(embedTokens, ids);
    }

    @Override
    Tensor layer(int index, Tensor x, Pass pass) {
        TransformerConfig c = config();
        Layer w = layers[index];
        int B = pass.batch();
        int T = pass.seqLen();
        float eps = (float) c.normEps();
        Tensor h = Norms.rmsNorm(x, w.inputNorm, eps);
        Tensor q = rope(w.q.apply(h, pass).reshape(B, T, c.numHeads(), c.headDim()), pass);
        Tensor k = rope(w.k.apply(h, pass).reshape(B, T, c.numKvHeads(), c.headDim()), pass);
        Tensor v = w.v.apply(h, pass).reshape(B, T, c.numKvHeads(), c.headDim());
        Tensor a = attend(index, q, k, v, pass).reshape(B * T, c.queryDim());
        x = Elementwise.add(x, w.o.apply(a, pass));
        h = Norms.rmsNorm(x, w.postNorm, eps);
        Tensor gate = w.gate.apply(h, pass);
        Tensor up = w.up.apply(h, pass);
        Tensor mlp = pass.decoding() ? Activations.swigluInference(gate, up) : Activations.swiglu(gate, up);
        return Elementwise.add(x, w.down.apply(mlp, pass));
    }

    @Override
    Tensor head(Tensor x, Pass pass) {
        return lmHead.apply(Norms.rmsNorm(x, norm, (float) config().normEps()), pass);
    }
}
