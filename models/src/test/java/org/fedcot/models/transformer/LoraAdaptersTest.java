package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** LoRA adapters on the tiny models: PEFT's initialisation, frozen base, merging, and decoding through packed weights. */
class LoraAdaptersTest {
    private static final int B = 2;
    private static final int T = 5;

    static LoraSpec spec(ModelType type, double dropout) {
        return new LoraSpec(4, 12, dropout, LoraSpec.defaultTargets(type));
    }

    /** Gives every B of the adapters seeded normal values, so the adapters change the model. */
    static void randomizeB(LoraAdapters lora, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        lora.tensors().forEach((name, t) -> {
            if (name.endsWith(LoraAdapters.B)) {
                for (int i = 0; i < t.size(); i++) {
                    t.set(i, (float) (rng.nextGaussian() * 0.5));
                }
            }
        });
    }

    private static Tensor logits(DecoderModel m, int[] ids) {
        try (NoGrad ignored = NoGrad.enter()) {
            return m.logits(ids, B, T);
        }
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void attachingFreezesTheBaseAndStartsAtIt(ModelType type) {
        DecoderModel m = DecoderModel.random(TestModels.tiny(type, false), 3);
        int[] ids = TestModels.randomIds(B * T, m.config().vocabSize(), 1);
        Tensor before = logits(m, ids);
        LoraAdapters lora = LoraAdapters.attach(m, spec(type, 0), 7);

        TestModels.assertSameValues(type + ": B = 0 adds exactly nothing", logits(m, ids), before);
        String kind = type == ModelType.GPT_NEOX ? "attention.query_key_value" : "self_attn.q_proj";
        assertTrue(
                lora.modules().stream().anyMatch(n -> n.endsWith(kind)),
                lora.modules().toString());
        assertEquals(
                (type == ModelType.GPT_NEOX ? 1 : 2) * m.config().numLayers(),
                lora.modules().size());
        m.namedParameters().forEach((n, p) -> assertFalse(p.requiresGrad(), n + " is frozen"));
        lora.tensors().forEach((n, t) -> {
            assertTrue(t.requiresGrad(), n + " trains");
            float[] v = t.toArray();
            if (n.endsWith(LoraAdapters.B)) {
                for (float x : v) {
                    assertEquals(0f, x, n + " starts at zero");
                }
            } else {
                double bound = 1 / Math.sqrt(t.dim(1)); // kaiming_uniform(a = sqrt(5)) over fan_in
                double max = 0;
                for (float x : v) {
                    max = Math.max(max, Math.abs(x));
                }
                assertTrue(max <= bound && max > bound / 2, n + ": |A| up to " + max + ", bound " + bound);
            }
        });
        assertEquals(4, lora.tensors().values().iterator().next().dim(0), "A is [r, in]");
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void theMergedModelComputesWhatTheAdaptedOneDoes(ModelType type) {
        DecoderModel adapted = DecoderModel.random(TestModels.tiny(type, false), 3);
        DecoderModel merged = DecoderModel.random(TestModels.tiny(type, false), 3);
        randomizeB(LoraAdapters.attach(adapted, spec(type, 0), 7), 9);
        LoraAdapters toMerge = LoraAdapters.attach(merged, spec(type, 0), 7);
        randomizeB(toMerge, 9);
        int[] ids = TestModels.randomIds(B * T, adapted.config().vocabSize(), 2);
        Tensor base = logits(DecoderModel.random(TestModels.tiny(type, false), 3), ids);
        toMerge.merge();

        Tensor a = logits(adapted, ids);
        TestModels.assertClose(type + " merged vs adapted", logits(merged, ids), a, 1e-5);
        assertTrue(TestModels.relativeError(base, a) > 1e-2, "the adapters change the model");
        merged.namedParameters().forEach((n, p) -> assertTrue(p.requiresGrad(), n + " trains again once merged"));
        assertThrows(IllegalStateException.class, toMerge::tensors);
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void decodeStepsMultiplyWithTheAdapterFoldedIn(ModelType type) {
        DecoderModel adapted = DecoderModel.random(TestModels.tiny(type, false), 3);
        randomizeB(LoraAdapters.attach(adapted, spec(type, 0), 7), 9);
        DecoderModel merged = DecoderModel.random(TestModels.tiny(type, false), 3);
        LoraAdapters toMerge = LoraAdapters.attach(merged, spec(type, 0), 7);
        randomizeB(toMerge, 9);
        toMerge.merge();
        DecoderModel base = DecoderModel.random(TestModels.tiny(type, false), 3);

        Tensor fromAdapted = decodeStep(adapted);
        TestModels.assertClose(type + " decode step, adapted vs merged", fromAdapted, decodeStep(merged), 1e-5);
        assertTrue(
                TestModels.relativeError(decodeStep(base), fromAdapted) > 1e-2,
                "a decode step through the base weights alone would differ");
    }

    /** The logits of one batched decode step over a slot cache, after a 3-token prompt. */
    private static Tensor decodeStep(DecoderModel m) {
        SlotCache cache = m.newSlotCache(2);
        int slot = cache.acquire(8);
        m.prefill(cache, slot, new int[] {1, 5, 9});
        return m.forward(cache, new int[] {slot}, new int[] {4});
    }

    @Test
    void targetsThatMatchNoLayerAreNamedWithTheLayersThereAre() {
        DecoderModel m = DecoderModel.random(TestModels.tiny(ModelType.GPT_NEOX, false), 3);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LoraAdapters.attach(m, new LoraSpec(4, 8, 0, List.of("q_proj")), 1));
        assertTrue(
                e.getMessage().contains("match no linear layer")
                        && e.getMessage().contains("query_key_value"),
                e.getMessage());
        LoraAdapters.attach(m, spec(ModelType.GPT_NEOX, 0), 1);
        e = assertThrows(IllegalArgumentException.class, () -> LoraAdapters.attach(m, spec(ModelType.GPT_NEOX, 0), 1));
        assertTrue(e.getMessage().contains("already has adapters"), e.getMessage());
    }

    @Test
    void targetsMatchWholeNamePartsAsPeftDoes() {
        LoraSpec s = new LoraSpec(1, 1, 0, List.of("q_proj", "mlp.up_proj"));
        assertTrue(s.matches("model.layers.0.self_attn.q_proj"));
        assertTrue(s.matches("model.layers.3.mlp.up_proj"));
        assertFalse(s.matches("model.layers.0.self_attn.xq_proj"));
        assertFalse(s.matches("model.layers.0.self_attn.k_proj"));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(0, 1, 0, List.of("q_proj")));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(1, 1, 1, List.of("q_proj")));
        assertThrows(IllegalArgumentException.class, () -> new LoraSpec(1, 1, 0, List.of()));
    }
}
