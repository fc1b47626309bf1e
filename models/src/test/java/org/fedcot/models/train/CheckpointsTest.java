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
import java.util.stream.Stream;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.optim.AdamW;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint directories: published atomically, complete, pruned, and read back exactly. */
class CheckpointsTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedWriteLeavesNoDirectoryBehind() throws IOException {
        Path target = tmp.resolve("checkpoint-3");
        IOException e = assertThrows(
                IOException.class,
                () -> AtomicDirectory.write(target, dir -> {
                    Files.writeString(dir.resolve("config.json"), "{}");
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), entries(tmp), "not even a hidden temporary directory is left");
    }

    @Test
    void aFailedRewriteKeepsTheOldDirectoryIntact() throws IOException {
        Path target = tmp.resolve("checkpoint-3");
        AtomicDirectory.write(target, dir -> Files.writeString(dir.resolve("a.txt"), "old"));
        assertThrows(
                IllegalStateException.class,
                () -> AtomicDirectory.write(target, dir -> {
                    Files.writeString(dir.resolve("a.txt"), "new");
                    throw new IllegalStateException("bug");
                }));
        assertEquals("old", Files.readString(target.resolve("a.txt")));
        AtomicDirectory.write(target, dir -> Files.writeString(dir.resolve("b.txt"), "new"));
        assertEquals(List.of("b.txt"), entries(target), "a successful rewrite replaces the whole directory");
        assertEquals(List.of("checkpoint-3"), entries(tmp));
    }

    @Test
    void aCheckpointIsAModelDirectoryPlusOptimizerAndTrainerState() throws IOException {
        DecoderModel model = TrainFixtures.tinyModel(1);
        AdamW opt = steppedOptimizer(model);
        TrainerState state = new TrainerState(
                3, 24, 10, "abc", 1.5, TrainerConfig.builder(5).build().trajectory());
        Path dir = Checkpoints.dir(tmp, 3);
        Checkpoints.save(dir, model, null, opt, state);
        assertEquals(
                List.of("config.json", "model.safetensors", "optimizer.safetensors", "trainer_state.json"),
                entries(dir));
        assertEquals(state, Checkpoints.readState(dir));
        DecoderModel loaded = HfCheckpoint.load(dir);
        assertArrayEquals(
                model.parameters().getFirst().toArray(),
                loaded.parameters().getFirst().toArray());

        DecoderModel other = TrainFixtures.tinyModel(2);
        AdamW otherOpt = new AdamW(other.parameters());
        Checkpoints.restore(dir, other, null, otherOpt);
        assertEquals(opt.stepCount(), otherOpt.stepCount());
        for (int i = 0; i < model.parameters().size(); i++) {
            assertArrayEquals(
                    model.parameters().get(i).toArray(),
                    other.parameters().get(i).toArray());
            assertEquals(
                    opt.state().params().get(i).step(),
                    otherOpt.state().params().get(i).step());
            assertArrayEquals(
                    opt.state().params().get(i).m(),
                    otherOpt.state().params().get(i).m());
            assertArrayEquals(
                    opt.state().params().get(i).v(),
                    otherOpt.state().params().get(i).v());
        }
    }

    @Test
    void pruningKeepsTheNewestAndClearsCrashLeftovers() throws IOException {
        for (int step : new int[] {10, 2, 30, 4}) {
            AtomicDirectory.write(Checkpoints.dir(tmp, step), dir -> Files.writeString(dir.resolve("x"), ""));
        }
        Files.createDirectory(tmp.resolve(AtomicDirectory.TEMP_PREFIX + "checkpoint-40-abc"));
        Files.createDirectory(tmp.resolve("checkpoint-notes"));
        assertEquals(Checkpoints.dir(tmp, 30), Checkpoints.latest(tmp).orElseThrow());
        Checkpoints.prune(tmp, 2);
        assertEquals(List.of("checkpoint-10", "checkpoint-30", "checkpoint-notes"), entries(tmp));
    }

    @Test
    void aDamagedOptimizerFileIsNamed() throws IOException {
        DecoderModel model = TrainFixtures.tinyModel(1);
        Path dir = Checkpoints.dir(tmp, 1);
        Checkpoints.save(dir, model, null, steppedOptimizer(model), new TrainerState(1, 8, 8, "x", 1, Map.of()));
        DecoderModel wider =
                DecoderModel.random(model.config().toBuilder().vocabSize(40).build(), 1);
        CheckpointException e = assertThrows(
                CheckpointException.class,
                () -> OptimizerStateFile.read(
                        dir.resolve(OptimizerStateFile.FILE_NAME), new AdamW(wider.parameters())));
        assertTrue(e.getMessage().contains("exp_avg.model.embed_tokens.weight"), e.getMessage());
    }

    /** An AdamW over the model's parameters after one step on made-up gradients. */
    private static AdamW steppedOptimizer(DecoderModel model) {
        AdamW opt = new AdamW(model.parameters());
        for (Tensor p : model.parameters()) {
            Tensor g = p.gradBuffer();
            for (int i = 0; i < g.size(); i++) {
                g.set(i, (float) Math.sin(i + p.size()));
            }
        }
        opt.step();
        return opt;
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
