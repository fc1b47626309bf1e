package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.CrossEntropy;
import org.junit.jupiter.api.Test;

/** Parameter naming and initialisation, and the loss's label convention. */
class DecoderModelTest {
    @Test
    void llamaParametersCarryHuggingFaceNamesInStateDictOrder() {
        DecoderModel m = DecoderModel.create(TestModels.tiny(ModelType.LLAMA, true));
        List<String> names = new ArrayList<>(m.namedParameters().keySet());
        assertEquals(
                List.of(
                        "model.embed_tokens.weight",
                        "model.layers.0.self_attn.q_proj.weight",
                        "model.layers.0.self_attn.q_proj.bias",
                        "model.layers.0.self_attn.k_proj.weight",
                        "model.layers.0.self_attn.k_proj.bias",
                        "model.layers.0.self_attn.v_proj.weight",
                        "model.layers.0.self_attn.v_proj.bias",
                        "model.layers.0.self_attn.o_proj.weight",
                        "model.layers.0.self_attn.o_proj.bias",
                        "model.layers.0.mlp.gate_proj.weight",
                        "model.layers.0.mlp.up_proj.weight",
                        "model.layers.0.mlp.down_proj.weight",
                        "model.layers.0.input_layernorm.weight",
                        "model.layers.0.post_attention_layernorm.weight"),
                names.subList(0, 14));
        assertEquals(List.of("model.norm.weight", "lm_head.weight"), names.subList(names.size() - 2, names.size()));
        assertEquals(List.of(16, 32), dims(m, "model.layers.1.self_attn.k_proj.weight"));
        // 37*32 embed + head, per layer q,o 32*32 (+32 bias each), k,v 16*32 (+16), mlp 3*48*32, norms 2*32; final norm
        long perLayer = 2 * (32 * 32 + 32) + 2 * (16 * 32 + 16) + 3 * 48 * 32 + 2 * 32;
        assertEquals(2 * 37 * 32 + 2 * perLayer + 32, m.parameterCount());
    }

    @Test
    void qwen2HasQkvBiasesOnlyAndTiesItsHead() {
        Map<String, Tensor> p =
                DecoderModel.create(TestModels.tiny(ModelType.QWEN2, false)).namedParameters();
        assertTrue(p.containsKey("model.layers.0.self_attn.q_proj.bias"));
        assertTrue(p.containsKey("model.layers.0.self_attn.v_proj.bias"));
        assertFalse(p.containsKey("model.layers.0.self_attn.o_proj.bias"));
        assertFalse(p.containsKey("model.layers.0.mlp.up_proj.bias"));
        assertFalse(p.containsKey("lm_head.weight"), "a tied head is the embedding, not a parameter of its own");
    }

    @Test
    void gptNeoXHasAFusedQkvAndAnUntiedEmbedOut() {
        DecoderModel m = DecoderModel.create(TestModels.tiny(ModelType.GPT_NEOX, false));
        List<String> names = new ArrayList<>(m.namedParameters().keySet());
        assertEquals(
                List.of(
                        "gpt_neox.embed_in.weight",
                        "gpt_neox.layers.0.input_layernorm.weight",
                        "gpt_neox.layers.0.input_layernorm.bias",
                        "gpt_neox.layers.0.post_attention_layernorm.weight",
                        "gpt_neox.layers.0.post_attention_layernorm.bias",
                        "gpt_neox.layers.0.attention.query_key_value.weight",
                        "gpt_neox.layers.0.attention.query_key_value.bias",
                        "gpt_neox.layers.0.attention.dense.weight",
                        "gpt_neox.layers.0.attention.dense.bias",
                        "gpt_neox.layers.0.mlp.dense_h_to_4h.weight",
                        "gpt_neox.layers.0.mlp.dense_h_to_4h.bias",
                        "gpt_neox.layers.0.mlp.dense_4h_to_h.weight",
                        "gpt_neox.layers.0.mlp.dense_4h_to_h.bias"),
                names.subList(0, 13));
        assertEquals(
                List.of("gpt_neox.final_layer_norm.weight", "gpt_neox.final_layer_norm.bias", "embed_out.weight"),
                names.subList(names.size() - 3, names.size()));
        assertEquals(List.of(96, 32), dims(m, "gpt_neox.layers.0.attention.query_key_value.weight"));
    }

    @Test
    void randomInitialisationIsSeededAndFollowsHuggingFace() {
        TransformerConfig c = TestModels.tiny(ModelType.GPT_NEOX, false);
        DecoderModel a = DecoderModel.random(c, 11);
        DecoderModel b = DecoderModel.random(c, 11);
        DecoderModel other = DecoderModel.random(c, 12);
        for (String name : a.namedParameters().keySet()) {
            Tensor t = a.namedParameters().get(name);
            TestModels.assertSameValues(name, b.namedParameters().get(name), t);
            assertTrue(t.requiresGrad(), name + " is trainable");
            float[] v = t.toArray();
            if (name.contains("norm.weight")) {
                assertTrue(allEqual(v, 1f), name + " starts at 1");
            } else if (name.endsWith(".bias")) {
                assertTrue(allEqual(v, 0f), name + " starts at 0");
            } else {
                double std = Math.sqrt(
                        Arrays.stream(toDouble(v)).map(x -> x * x).average().orElseThrow());
                assertEquals(c.initializerRange(), std, 0.15 * c.initializerRange(), name + " std");
                assertFalse(
                        Arrays.equals(v, other.namedParameters().get(name).toArray()), name + " depends on the seed");
            }
        }
    }

    @Test
    void lossShiftsTheLabelsAndIgnoresMinus100() {
        DecoderModel m = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 5);
        int B = 2;
        int T = 6;
        int V = m.config().vocabSize();
        int[] ids = TestModels.randomIds(B * T, V, 1);
        int[] labels = ids.clone();
        labels[2] = CrossEntropy.IGNORE_INDEX;
        labels[T] = CrossEntropy.IGNORE_INDEX; // the first label of a row is never predicted anyway
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor logits = m.logits(ids, B, T);
            double sum = 0;
            int counted = 0;
            for (int b = 0; b < B; b++) {
                for (int t = 0; t + 1 < T; t++) {
                    int label = labels[b * T + t + 1];
                    if (label != CrossEntropy.IGNORE_INDEX) {
                        sum += crossEntropy(logits, (b * T + t) * V, V, label);
                        counted++;
                    }
                }
            }
            assertEquals(sum / counted, m.loss(ids, labels, B, T).item(), 1e-5);
            float[] ones = new float[B * T];
            Arrays.fill(ones, 1f);
            assertEquals(
                    m.loss(ids, labels, B, T).item(),
                    m.loss(ids, labels, ones, B, T).item(),
                    1e-6);
        }
    }

    @Test
    void lossBackwardReachesEveryParameterIncludingATiedHead() {
        DecoderModel m = DecoderModel.random(TestModels.tiny(ModelType.QWEN2, false), 5);
        int[] ids = TestModels.randomIds(8, m.config().vocabSize(), 2);
        m.loss(ids, ids, 2, 4).backward();
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            assertNotNull(e.getValue().grad(), e.getKey() + " got no gradient");
        }
    }

    @Test
    void windowsOfTheWrongSizeAreRefused() {
        DecoderModel m = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 5);
        assertThrows(IllegalArgumentException.class, () -> m.logits(new int[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> m.loss(new int[6], new int[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> m.logits(new int[] {0, 37}, 1, 2));
    }

    private static double crossEntropy(Tensor logits, int off, int V, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < V; v++) {
            max = Math.max(max, logits.get(off + v));
        }
        double sum = 0;
        for (int v = 0; v < V; v++) {
            sum += Math.exp(logits.get(off + v) - max);
        }
        return Math.log(sum) + max - logits.get(off + label);
    }

    private static List<Integer> dims(DecoderModel m, String name) {
        return Arrays.stream(m.namedParameters().get(name).shape()).boxed().toList();
    }

    private static boolean allEqual(float[] v, float x) {
        for (float f : v) {
            if (f != x) {
                return false;
            }
        }
        return true;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
