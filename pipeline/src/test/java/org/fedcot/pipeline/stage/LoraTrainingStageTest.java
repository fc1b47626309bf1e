package org.fedcot.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.train.Checkpoints;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.ExampleGroup;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.TinyRun;
import org.fedcot.pipeline.config.LoraSettings;
import org.fedcot.pipeline.config.TrainSettings;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.slm.Slm;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train.lora}: the stage trains adapters, checkpoints them alone, and a finished run loads to the same model. */
class LoraTrainingStageTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedLoraRunLoadsAsTheModelItReturned() throws IOException {
        Slm slm = Slm.of(TinyRun.slmModel(), Tokenizers.load(TinyRun.slmModel()));
        TrainSettings settings =
                new TrainSettings(null, 1e-2, 4, 2, 3, null, 96, 1, new LoraSettings(4, 8.0, 0.1, null), true);
        int vocab = slm.pretrained().config().vocabSize();
        SplittableRandom rng = new SplittableRandom(3);
        List<ExampleGroup> examples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            examples.add(ExampleGroup.of(Example.of(
                    rng.ints(4, 0, vocab).toArray(), rng.ints(3, 0, vocab).toArray(), TaskWeights.LABEL)));
        }
        DecoderModel trained =
                TrainingStage.run(dir, "lora", slm, settings, 3, TaskWeights.uniform(), 7, examples, RunListener.NONE);

        Path last = Checkpoints.dir(dir, 3);
        assertTrue(Files.exists(last.resolve(PeftAdapter.CONFIG)), "the checkpoint is an adapter");
        assertFalse(Files.exists(last.resolve("model.safetensors")));
        DecoderModel reloaded =
                TrainingStage.run(dir, "lora", slm, settings, 3, TaskWeights.uniform(), 7, examples, RunListener.NONE);
        Map<String, Tensor> base = slm.pretrained().namedParameters();
        boolean changed = false;
        for (Map.Entry<String, Tensor> e : trained.namedParameters().entrySet()) {
            float[] v = e.getValue().toArray();
            assertArrayEquals(v, reloaded.namedParameters().get(e.getKey()).toArray(), e.getKey());
            boolean differs = !Arrays.equals(v, base.get(e.getKey()).toArray());
            assertEquals(
                    e.getKey().endsWith("q_proj.weight") || e.getKey().endsWith("v_proj.weight"),
                    differs,
                    e.getKey() + ": only the targets change");
            changed |= differs;
        }
        assertTrue(changed);
    }
}
