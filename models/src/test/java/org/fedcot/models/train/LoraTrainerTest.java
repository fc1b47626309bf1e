package org.fedcot.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;
import org.fedcot.tensor.optim.LrSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer with LoRA: only the adapters learn and are checkpointed, in PEFT's layout, and a run resumes bit for bit. */
class LoraTrainerTest {
    private static final LoraSpec LORA = new LoraSpec(4, 8, 0.2, LoraSpec.defaultTargets(ModelType.LLAMA));

    @TempDir
    Path tmp;

    private static TrainerConfig.Builder config() {
        return TrainerConfig.builder(6)
                .batchSize(4)
                .microBatchSize(2)
                .learningRate(1e-2)
                .schedule(LrSchedule.Kind.COSINE)
                .warmupSteps(1)
                .weightDecay(0.01)
                .seed(3)
                .checkpointEvery(2)
                .keepCheckpoints(0)
                .lora(LORA);
    }

    private static List<Example> data() {
        return TrainFixtures.examples(10, 37, 21, TaskWeights.LABEL);
    }

    @Test
    void onlyTheAdaptersLearnAndCheckpointsHoldThemAlone() throws IOException {
        DecoderModel model = TrainFixtures.tinyModel(5);
        List<float[]> base = TrainFixtures.values(model);
        Trainer t = new Trainer(model, config().build(), data(), data().subList(0, 3));
        LoraAdapters lora = t.adapters().orElseThrow();
        double before = t.evaluate();
        t.train(tmp, TrainingListener.NONE);

        List<float[]> after = TrainFixtures.values(model);
        for (int i = 0; i < base.size(); i++) {
            assertArrayEquals(base.get(i), after.get(i), "base parameter " + i + " is frozen");
        }
        assertTrue(t.evaluate() < before, "the adapters learned: " + before + " -> " + t.evaluate());
        Tensor b = lora.tensors().get("model.layers.0.self_attn.q_proj" + LoraAdapters.B);
        assertTrue(maxAbs(b) > 0, "B moved off zero");

        Path ckpt = Checkpoints.latest(tmp).orElseThrow();
        assertTrue(Files.exists(ckpt.resolve(PeftAdapter.CONFIG)) && Files.exists(ckpt.resolve(PeftAdapter.WEIGHTS)));
        assertFalse(Files.exists(ckpt.resolve("model.safetensors")), "the frozen base is not copied into checkpoints");
        try (SafetensorsFile opt = SafetensorsFile.open(ckpt.resolve(OptimizerStateFile.FILE_NAME))) {
            assertEquals(2 * lora.tensors().size(), opt.names().size(), "AdamW holds moments of the adapters only");
        }
        assertEquals(LORA, PeftAdapter.readSpec(ckpt));
    }

    @Test
    void anInterruptedRunResumesBitForBitEvenWithCheckpointedActivations() throws IOException {
        DecoderModel straight = TrainFixtures.tinyModel(5);
        Trainer full = new Trainer(straight, config().build(), data(), List.of());
        full.train(tmp.resolve("straight"), TrainingListener.NONE);

        Path out = tmp.resolve("interrupted");
        Trainer crashing = new Trainer(TrainFixtures.tinyModel(5), config().build(), data(), List.of());
        assertThrows(
                IllegalStateException.class,
                () -> crashing.train(out, new TrainingListener() {
                    @Override
                    public void onStep(StepReport r) {
                        if (r.step() == 3) {
                            throw new IllegalStateException("killed"); // after checkpoint-2
                        }
                    }
                }));
        // recomputing activations changes no gradient, so it may be switched on for the rest of a run
        Trainer resumed = new Trainer(
                TrainFixtures.tinyModel(5), config().checkpointActivations(true).build(), data(), List.of());
        resumed.resume(Checkpoints.latest(out).orElseThrow());
        assertEquals(2, resumed.step());
        resumed.train(out, TrainingListener.NONE);
        Map<String, Tensor> expected = full.adapters().orElseThrow().tensors();
        resumed.adapters()
                .orElseThrow()
                .tensors()
                .forEach((n, t) -> assertArrayEquals(expected.get(n).toArray(), t.toArray(), n));

        Trainer otherRank = new Trainer(
                TrainFixtures.tinyModel(5),
                config().lora(new LoraSpec(2, 8, 0.2, LORA.targets())).build(),
                data(),
                List.of());
        CheckpointException e = assertThrows(
                CheckpointException.class,
                () -> otherRank.resume(Checkpoints.latest(out).orElseThrow()));
        assertTrue(e.getMessage().contains("lora r=4"), e.getMessage());
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.toArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
