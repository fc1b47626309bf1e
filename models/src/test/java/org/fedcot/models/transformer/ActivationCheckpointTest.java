package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Activation checkpointing recomputes each layer in backward and gives the gradients of the recorded pass. */
class ActivationCheckpointTest {
    private static final int B = 2;
    private static final int T = 6;

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void fullFineTuningGradientsAreUnchanged(ModelType type) {
        List<Tensor> plain = gradients(type, false, false);
        List<Tensor> recomputed = gradients(type, true, false);
        assertEquals(plain.size(), recomputed.size());
        for (int i = 0; i < plain.size(); i++) {
            TestModels.assertSameValues(type + " grad " + i, recomputed.get(i), plain.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void loraGradientsWithDropoutAreUnchanged(ModelType type) {
        List<Tensor> plain = gradients(type, false, true);
        List<Tensor> recomputed = gradients(type, true, true);
        for (int i = 0; i < plain.size(); i++) {
            TestModels.assertSameValues(type + " adapter grad " + i, recomputed.get(i), plain.get(i));
        }
    }

    /**
     * The gradients of a loss on a tiny model: every parameter's, or with {@code lora} only the adapters'
     * (dropout 0.3 on, the same masks in both runs), in a workspace as the trainer uses one.
     */
    private static List<Tensor> gradients(ModelType type, boolean checkpoint, boolean lora) {
        DecoderModel m = DecoderModel.random(TestModels.tiny(type, false), 21);
        List<Tensor> params = new ArrayList<>(m.parameters());
        if (lora) {
            LoraAdapters a = LoraAdapters.attach(m, LoraAdaptersTest.spec(type, 0.3), 5);
            LoraAdaptersTest.randomizeB(a, 6);
            a.train(77);
            params = a.parameters();
        }
        m.checkpointActivations(checkpoint);
        int V = m.config().vocabSize();
        int[] ids = TestModels.randomIds(B * T, V, 8);
        try (Workspace.Scope ignored = new Workspace().enter()) {
            m.loss(ids, ids, B, T).backward();
        }
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) {
            assertNotNull(p.grad(), p.name() + " got no gradient");
            grads.add(p.grad());
        }
        if (!lora) {
            for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
                assertNotNull(e.getValue().grad(), e.getKey());
            }
        }
        return grads;
    }
}
