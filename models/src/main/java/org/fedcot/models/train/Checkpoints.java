package org.fedcot.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.tensor.optim.AdamW;

/**
 * Training checkpoints in an output directory, named {@code checkpoint-<step>} as Hugging Face's
 * Trainer names them. Each holds the model as a Hugging Face checkpoint (config.json,
 * model.safetensors), AdamW's moments and step counts (optimizer.safetensors) and the trainer's
 * position and settings (trainer_state.json). A run that trains LoRA adapters saves the adapters
 * (adapter_config.json, adapter_model.safetensors, see {@link PeftAdapter}) instead of the model. It is written into a hidden temporary directory and
 * renamed into place, so a {@code checkpoint-<step>} directory is always complete.
 */
public final class Checkpoints {
    private static final String PREFIX = "checkpoint-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,9})");

    private Checkpoints() {}

    /** The directory of the checkpoint after {@code step} steps under {@code outputDir}. */
    public static Path dir(Path outputDir, int step) {
        return outputDir.resolve(PREFIX + step);
    }

    /** The checkpoints under {@code outputDir}, oldest step first; none when it does not exist. */
    public static List<Path> list(Path outputDir) throws IOException {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(outputDir)) {
            return entries.filter(p -> step(p) >= 0 && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong(Checkpoints::step))
                    .toList();
        }
    }

    /** The checkpoint of the highest step under {@code outputDir}, if any. */
    public static Optional<Path> latest(Path outputDir) throws IOException {
        List<Path> all = list(outputDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * Writes a checkpoint of {@code model} (of its {@code adapters} alone when not null), {@code optimizer}
     * and {@code state} as {@code dir}, atomically.
     */
    static void save(Path dir, DecoderModel model, LoraAdapters adapters, AdamW optimizer, TrainerState state)
            throws IOException {
        AtomicDirectory.write(dir, tmp -> {
            if (adapters == null) {
                HfCheckpointWriter.save(model, tmp);
            } else {
                PeftAdapter.save(adapters, null, tmp);
            }
            OptimizerStateFile.write(tmp.resolve(OptimizerStateFile.FILE_NAME), optimizer);
            state.write(tmp.resolve(TrainerState.FILE_NAME));
        });
    }

    /** The trainer's state saved in the checkpoint {@code dir}, read without touching a model. */
    static TrainerState readState(Path dir) throws IOException {
        return TrainerState.read(dir.resolve(TrainerState.FILE_NAME));
    }

    /**
     * Overwrites {@code model}'s weights (its {@code adapters}' when not null) and {@code optimizer}'s
     * moments with those saved in the checkpoint {@code dir}.
     */
    static void restore(Path dir, DecoderModel model, LoraAdapters adapters, AdamW optimizer) throws IOException {
        if (adapters == null) {
            HfCheckpoint.loadWeights(model, dir);
        } else {
            PeftAdapter.readWeights(adapters, dir);
        }
        OptimizerStateFile.read(dir.resolve(OptimizerStateFile.FILE_NAME), optimizer);
    }

    /**
     * Deletes all but the {@code keep} newest checkpoints ({@code keep} 0 keeps all), and the hidden
     * temporary directories a crash mid-save leaves behind.
     */
    static void prune(Path outputDir, int keep) throws IOException {
        List<Path> all = list(outputDir);
        for (int i = 0; keep > 0 && i < all.size() - keep; i++) {
            AtomicDirectory.deleteRecursively(all.get(i));
        }
        try (Stream<Path> entries = Files.list(outputDir)) {
            for (Path p : entries.filter(
                            p -> p.getFileName().toString().startsWith(AtomicDirectory.TEMP_PREFIX + PREFIX))
                    .toList()) {
                AtomicDirectory.deleteRecursively(p);
            }
        }
    }

    /** The step in a checkpoint directory's name, or -1 when the name is not a checkpoint's. */
    private static long step(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
