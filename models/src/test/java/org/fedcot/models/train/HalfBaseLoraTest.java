package org.fedcot.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.Dtype;
import org.fedcot.tensor.optim.LrSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** LoRA over a base whose linear weights stay bf16 (frozen) trains exactly as over their widened float32 copy. */
class HalfBaseLoraTest {
    @TempDir
    Path tmp;

    /**
     * The tiny models' products are at most 256 deep, one slab, so each 16-bit product is the float32
     * product of the widened weight: losses and adapters agree bit for bit, dropout and recomputed
     * activations included.
     */
    @ParameterizedTest
    @EnumSource(
            value = ModelType.class,
            names = {"LLAMA", "GPT_NEOX"})
    void loraStepsOnABf16BaseEqualThoseOnItsWidenedCopy(ModelType type) throws IOException {
        HfCheckpointWriter.save(DecoderModel.random(TestModels.tiny(type, true), 5), tmp, Dtype.BF16);
        DecoderModel half = HfCheckpoint.loadFrozen(tmp);
        DecoderModel widened = HfCheckpoint.load(tmp);
        assertTrue(half.halfWeights().size() >= 8, "the layers' linear weights stay bf16");
        assertTrue(widened.halfWeights().isEmpty(), "load widens every weight");
        assertEquals(widened.parameterCount(), half.parameterCount());
        for (String name : half.halfWeights().keySet()) {
            assertTrue(
                    !half.namedParameters().containsKey(name)
                            && widened.namedParameters().containsKey(name),
                    name);
        }

        List<Double> halfLosses = new ArrayList<>();
        Map<String, Tensor> halfAdapters = train(half, type, halfLosses);
        List<Double> widenedLosses = new ArrayList<>();
        Map<String, Tensor> widenedAdapters = train(widened, type, widenedLosses);
        assertEquals(widenedLosses, halfLosses);
        assertEquals(widenedAdapters.keySet(), halfAdapters.keySet());
        for (String name : halfAdapters.keySet()) {
            assertArrayEquals(
                    widenedAdapters.get(name).toArray(), halfAdapters.get(name).toArray(), name);
        }
    }

    @Test
    void aFrozenBf16WeightWhereAGradientIsRequiredIsRefusedNamingIt() throws IOException {
        ModelType type = ModelType.LLAMA;
        HfCheckpointWriter.save(DecoderModel.random(TestModels.tiny(type, true), 5), tmp, Dtype.BF16);
        DecoderModel half = HfCheckpoint.loadFrozen(tmp);
        TrainerConfig full = TrainerConfig.builder(1).batchSize(2).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new Trainer(half, full, TrainFixtures.examples(2, 37, 1, TaskWeights.LABEL), List.of()));
        assertTrue(e.getMessage().contains("model.layers.0.self_attn.q_proj.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("LoRA"), e.getMessage());

        Trainer lora =
                new Trainer(half, config(type).build(), TrainFixtures.examples(2, 37, 1, TaskWeights.LABEL), List.of());
        IllegalStateException merge = assertThrows(
                IllegalStateException.class, () -> lora.adapters().orElseThrow().merge());
        assertTrue(merge.getMessage().contains("BF16"), merge.getMessage());
        IllegalStateException save =
                assertThrows(IllegalStateException.class, () -> HfCheckpointWriter.save(half, tmp.resolve("out")));
        assertTrue(save.getMessage().contains("16 bits"), save.getMessage());
    }

    private static TrainerConfig.Builder config(ModelType type) {
        return TrainerConfig.builder(3)
                .batchSize(4)
                .microBatchSize(2)
                .learningRate(1e-2)
                .schedule(LrSchedule.Kind.CONSTANT)
                .seed(3)
                .checkpointActivations(true)
                .lora(new LoraSpec(4, 8, 0.2, LoraSpec.defaultTargets(type)));
    }

    /** Three LoRA steps; the losses go into {@code losses}, the adapters come back. */
    private static Map<String, Tensor> train(DecoderModel model, ModelType type, List<Double> losses)
            throws IOException {
        Trainer t = new Trainer(
                model, config(type).build(), TrainFixtures.examples(8, 37, 21, TaskWeights.LABEL), List.of());
        t.train(null, new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                losses.add(r.loss());
            }
        });
        return t.adapters().orElseThrow().tensors();
    }
}
