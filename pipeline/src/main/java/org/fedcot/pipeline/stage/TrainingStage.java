package org.fedcot.pipeline.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fedcot.models.train.Checkpoints;
import org.fedcot.models.train.ExampleGroup;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.train.Trainer;
import org.fedcot.models.train.TrainerConfig;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.pipeline.config.LoraSettings;
import org.fedcot.pipeline.config.TrainSettings;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.slm.Slm;

/**
 * Fine-tunes a copy of the client's SLM, with a checkpoint every {@code checkpointEvery} steps under
 * {@code models/NAME}: a rerun resumes from the newest one (the Trainer's resume is exact, so the result is
 * the uninterrupted run's, bit for bit), and a finished run's last checkpoint is loaded without training.
 * With {@code train.lora} it trains LoRA adapters on the frozen SLM, and returns the model with them folded
 * in, as a finished run's checkpoint loads.
 */
public final class TrainingStage {
    private TrainingStage() {}

    /**
     * The SLM trained on {@code groups} for {@code steps} steps with {@code weights}, in {@code dir}; each step
     * takes {@code batchSize} groups with all their examples.
     */
    public static DecoderModel run(
            Path dir,
            String name,
            Slm slm,
            TrainSettings settings,
            int steps,
            TaskWeights weights,
            long seed,
            List<ExampleGroup> groups,
            RunListener listener)
            throws IOException {
        Path finished = Checkpoints.dir(dir, steps);
        if (Files.isDirectory(finished)) {
            listener.message(name + ": trained model found, " + finished);
            return slm.trained(finished);
        }
        DecoderModel model = slm.pretrained();
        TrainerConfig config = config(settings, steps, weights, seed).toBuilder()
                .lora(lora(settings.lora(), model))
                .build();
        Trainer trainer = Trainer.grouped(model, config, groups, List.of());
        Optional<Path> last = Checkpoints.latest(dir);
        if (last.isPresent()) {
            trainer.resume(last.get());
        }
        trainer.train(dir, listener.training(name));
        trainer.adapters().ifPresent(LoraAdapters::merge);
        return model;
    }

    /** The adapters' settings for {@code model}'s architecture, or null to fine-tune every weight. */
    private static LoraSpec lora(LoraSettings s, DecoderModel model) {
        if (s == null) {
            return null;
        }
        List<String> targets = s.targets() != null
                ? s.targets()
                : LoraSpec.defaultTargets(model.config().modelType());
        return new LoraSpec(s.rank(), s.alpha(), s.dropout(), targets);
    }

    /** The trainer's settings for {@code steps} steps of {@code settings} with {@code weights} and {@code seed}. */
    public static TrainerConfig config(TrainSettings settings, int steps, TaskWeights weights, long seed) {
        return TrainerConfig.builder(steps)
                .batchSize(settings.batchSize())
                .microBatchSize(settings.microBatch())
                .learningRate(settings.learningRate())
                .taskWeights(weights)
                .seed(seed)
                .checkpointEvery(settings.checkpointEvery())
                .keepCheckpoints(1)
                .checkpointActivations(settings.checkpointActivations())
                .build();
    }
}
