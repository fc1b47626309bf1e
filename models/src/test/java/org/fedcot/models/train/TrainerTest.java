package org.fedcot.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.optim.LrSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop: it learns, reports, accumulates like one batch, and resumes bit for bit. */
class TrainerTest {
    private static final int VOCAB = 37;

    @TempDir
    Path tmp;

    /** Every state-carrying feature on: accumulation, warm-up + cosine, active clipping, weight decay, two tasks. */
    private static TrainerConfig.Builder fullConfig() {
        return TrainerConfig.builder(6)
                .batchSize(4)
                .microBatchSize(2)
                .learningRate(3e-3)
                .schedule(LrSchedule.Kind.COSINE)
                .warmupSteps(2)
                .maxGradNorm(0.5)
                .weightDecay(0.01)
                .taskWeights(TaskWeights.fedCot(0.4))
                .seed(11)
                .evalEvery(3)
                .checkpointEvery(2)
                .keepCheckpoints(0);
    }

    private static List<Example> data() {
        return TrainFixtures.examples(10, VOCAB, 21, TaskWeights.RATIONALE, TaskWeights.LABEL);
    }

    @Test
    void aTinyModelMemorisesAFewExamples() throws IOException {
        List<Example> examples = List.of(
                Example.of(new int[] {1, 2}, new int[] {10, 11, 12, 13}, "label"),
                Example.of(new int[] {1, 3}, new int[] {20, 21, 22, 23}, "label"),
                Example.of(new int[] {1, 4}, new int[] {30, 31, 32, 33}, "label"),
                Example.of(new int[] {1, 5}, new int[] {14, 24, 34, 15}, "label"));
        DecoderModel model = TrainFixtures.tinyModel(3);
        Trainer t = new Trainer(
                model,
                TrainerConfig.builder(120)
                        .batchSize(4)
                        .learningRate(1e-2)
                        .schedule(LrSchedule.Kind.CONSTANT)
                        .build(),
                examples,
                examples);
        double before = t.evaluate();
        TrainResult r = t.train(null, TrainingListener.NONE);
        assertEquals(120, r.step());
        assertTrue(before > 2.5, "an untrained model is near chance (ln 37 = 3.6): " + before);
        assertTrue(t.evaluate() < 0.05, "after 120 steps the 16 target tokens are memorised: " + t.evaluate());
    }

    @Test
    void anInterruptedRunResumesToBitIdenticalParameters() throws IOException {
        DecoderModel straight = TrainFixtures.tinyModel(5);
        TrainResult full = new Trainer(straight, fullConfig().build(), data(), data().subList(0, 3))
                .train(tmp.resolve("straight"), TrainingListener.NONE);

        Path out = tmp.resolve("interrupted");
        DecoderModel first = TrainFixtures.tinyModel(5);
        Trainer crashing = new Trainer(first, fullConfig().build(), data(), data().subList(0, 3));
        assertThrows(
                IllegalStateException.class,
                () -> crashing.train(out, new TrainingListener() {
                    @Override
                    public void onStep(StepReport r) {
                        if (r.step() == 5) {
                            throw new IllegalStateException("killed"); // after checkpoint-4, before checkpoint-6
                        }
                    }
                }));
        assertEquals(Checkpoints.dir(out, 4), Checkpoints.latest(out).orElseThrow());

        DecoderModel resumed = TrainFixtures.tinyModel(99); // other weights: the checkpoint must replace them all
        Trainer t = new Trainer(resumed, fullConfig().build(), data(), data().subList(0, 3));
        t.resume(Checkpoints.latest(out).orElseThrow());
        assertEquals(4, t.step());
        TrainResult rest = t.train(out, TrainingListener.NONE);
        assertEquals(6, rest.step());
        assertEquals(full.loss(), rest.loss());
        assertEquals(full.evalLoss(), rest.evalLoss());
        for (int i = 0; i < straight.parameters().size(); i++) {
            assertArrayEquals(
                    straight.parameters().get(i).toArray(),
                    resumed.parameters().get(i).toArray(),
                    straight.parameters().get(i).name());
        }
    }

    @Test
    void resumingWithOtherSettingsOrDataIsRefused() throws IOException {
        Path out = tmp.resolve("run");
        new Trainer(TrainFixtures.tinyModel(5), fullConfig().steps(2).build(), data(), List.of())
                .train(out, TrainingListener.NONE);
        Path ckpt = Checkpoints.latest(out).orElseThrow();
        DecoderModel model = TrainFixtures.tinyModel(6);
        float[] before = model.parameters().getFirst().toArray();

        Trainer otherLr =
                new Trainer(model, fullConfig().steps(2).learningRate(1e-3).build(), data(), List.of());
        CheckpointException e = assertThrows(CheckpointException.class, () -> otherLr.resume(ckpt));
        assertTrue(e.getMessage().contains("learning_rate 0.003 -> 0.001"), e.getMessage());

        Trainer otherData = new Trainer(model, fullConfig().steps(2).build(), data().subList(1, 10), List.of());
        e = assertThrows(CheckpointException.class, () -> otherData.resume(ckpt));
        assertTrue(e.getMessage().contains("other data"), e.getMessage());
        assertArrayEquals(before, model.parameters().getFirst().toArray(), "a refused resume leaves the model alone");
    }

    @Test
    void aCheckpointResumesUnderTheSameTaskWeightsListedInAnotherOrder() throws IOException {
        Map<String, Double> labelFirst = new LinkedHashMap<>();
        labelFirst.put(TaskWeights.LABEL, 0.6);
        labelFirst.put(TaskWeights.RATIONALE, 0.4);
        DecoderModel straight = TrainFixtures.tinyModel(5);
        new Trainer(straight, fullConfig().build(), data(), List.of())
                .train(tmp.resolve("straight"), TrainingListener.NONE);

        Path out = tmp.resolve("run");
        Trainer killed = new Trainer(TrainFixtures.tinyModel(5), fullConfig().build(), data(), List.of());
        assertThrows(
                IllegalStateException.class,
                () -> killed.train(out, new TrainingListener() {
                    @Override
                    public void onCheckpoint(int step, Path dir) {
                        if (step == 2) {
                            throw new IllegalStateException("killed"); // checkpoint-2 is the one to resume from
                        }
                    }
                }));
        Path ckpt = Checkpoints.latest(out).orElseThrow();
        // as a checkpoint written before task weights printed in name order (or from a Map.of) records them
        Path state = ckpt.resolve(TrainerState.FILE_NAME);
        String recorded = Files.readString(state);
        assertTrue(recorded.contains("\"task_weights\" : \"label=0.6,rationale=0.4\""), recorded);
        Files.writeString(state, recorded.replace("label=0.6,rationale=0.4", "rationale=0.4,label=0.6"));

        DecoderModel resumed = TrainFixtures.tinyModel(99);
        Trainer t = new Trainer(
                resumed, fullConfig().taskWeights(TaskWeights.of(labelFirst)).build(), data(), List.of());
        t.resume(ckpt);
        t.train(out, TrainingListener.NONE);
        for (int i = 0; i < straight.parameters().size(); i++) {
            assertArrayEquals(
                    straight.parameters().get(i).toArray(),
                    resumed.parameters().get(i).toArray(),
                    straight.parameters().get(i).name());
        }

        labelFirst.put(TaskWeights.LABEL, 0.5);
        Trainer other = new Trainer(
                TrainFixtures.tinyModel(6),
                fullConfig().taskWeights(TaskWeights.of(labelFirst)).build(),
                data(),
                List.of());
        CheckpointException e = assertThrows(CheckpointException.class, () -> other.resume(ckpt));
        assertTrue(
                e.getMessage().contains("task_weights rationale=0.4,label=0.6 -> label=0.5,rationale=0.4"),
                e.getMessage());
    }

    @Test
    void gradientAccumulationTrainsLikeOneBigBatch() throws IOException {
        TrainerConfig.Builder c =
                fullConfig().steps(3).evalEvery(0).checkpointEvery(0).batchSize(8);
        DecoderModel big = TrainFixtures.tinyModel(7);
        DecoderModel accumulated = TrainFixtures.tinyModel(7);
        new Trainer(big, c.microBatchSize(8).build(), data(), List.of()).train(null, TrainingListener.NONE);
        new Trainer(accumulated, c.microBatchSize(2).build(), data(), List.of()).train(null, TrainingListener.NONE);
        double diff = TrainFixtures.relativeDifference(TrainFixtures.values(accumulated), TrainFixtures.values(big));
        assertTrue(diff < 1e-5, "relative parameter difference after 3 steps: " + diff);
    }

    @Test
    void theListenerHearsStepsEvaluationsAndCheckpoints() throws IOException {
        List<String> heard = new ArrayList<>();
        new Trainer(TrainFixtures.tinyModel(8), fullConfig().build(), data(), data().subList(0, 2))
                .train(tmp, new TrainingListener() {
                    @Override
                    public void onStart(int step, int totalSteps) {
                        heard.add("start " + step + "/" + totalSteps);
                    }

                    @Override
                    public void onStep(StepReport r) {
                        assertTrue(
                                r.loss() > 0 && r.tokens() > 0 && r.gradNorm() > 0 && r.stepNanos() > 0, r.toString());
                        assertEquals(r.step(), r.runSteps());
                        assertTrue(r.tokensPerSecond() > 0 && r.etaSeconds() >= 0, r.toString());
                        heard.add("step " + r.step() + " lr " + (float) r.learningRate());
                    }

                    @Override
                    public void onEvaluation(int step, double loss) {
                        heard.add("eval " + step);
                    }

                    @Override
                    public void onCheckpoint(int step, Path dir) {
                        heard.add("checkpoint " + dir.getFileName());
                    }
                });
        LrSchedule s = fullConfig().build().lrSchedule();
        assertEquals(
                List.of(
                        "start 0/6",
                        "step 1 lr 0.0",
                        "step 2 lr " + (float) s.lr(1),
                        "checkpoint checkpoint-2",
                        "step 3 lr " + (float) s.lr(2),
                        "eval 3",
                        "step 4 lr " + (float) s.lr(3),
                        "checkpoint checkpoint-4",
                        "step 5 lr " + (float) s.lr(4),
                        "step 6 lr " + (float) s.lr(5),
                        "eval 6",
                        "checkpoint checkpoint-6"),
                heard);
    }

    @Test
    void badExamplesAreNamed() {
        DecoderModel model = TrainFixtures.tinyModel(1);
        TrainerConfig plain = TrainerConfig.builder(1).build();
        Example outOfVocab = new Example("data.jsonl:7", new int[] {1}, new int[] {VOCAB}, "label");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new Trainer(model, plain, List.of(outOfVocab), List.of()));
        assertEquals("data.jsonl:7: token id 37 is outside the model's vocabulary of 37", e.getMessage());

        Example tooLong = Example.of(new int[1], new int[model.config().maxPositionEmbeddings()], "label");
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(model, plain, data(), List.of(tooLong)));
        assertTrue(e.getMessage().startsWith("held-out example 0: "), e.getMessage());

        Example summary = Example.of(new int[] {1}, new int[] {2}, "summary");
        TrainerConfig alpha =
                TrainerConfig.builder(1).taskWeights(TaskWeights.fedCot(0.5)).build();
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(model, alpha, List.of(summary), List.of()));
        assertTrue(e.getMessage().contains("task 'summary' has no weight"), e.getMessage());

        e = assertThrows(
                IllegalArgumentException.class,
                () -> TrainerConfig.builder(4).batchSize(6).microBatchSize(4).build());
        assertTrue(e.getMessage().contains("not a multiple"), e.getMessage());
    }
}
