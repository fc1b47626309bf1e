package org.fedcot.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Elementwise;
import org.junit.jupiter.api.Test;

/** The loss a step trains on: target-only masking, the task-weighting formula, and micro-batch accumulation. */
class BatchLossTest {
    private static final int VOCAB = 37;

    @Test
    void onlyTargetTokensAreScoredAndPaddingChangesNothing() {
        DecoderModel model = TrainFixtures.tinyModel(1);
        List<Example> examples = TrainFixtures.examples(5, VOCAB, 2, "label");
        double loss = new BatchLoss(model, TaskWeights.uniform(), 5, 8)
                .run(examples, false)
                .loss();
        assertEquals(TrainFixtures.meanLoss(model, examples, null), loss, 1e-5);
    }

    @Test
    void packingMasksThePromptAndThePadding() {
        Example e = Example.of(new int[] {5, 6, 7}, new int[] {8, 9}, "label");
        Batch b = Batch.pack(List.of(e), Map.of("label", 0.25), 4);
        int x = CrossEntropy.IGNORE_INDEX;
        assertEquals(8, b.seqLen());
        assertArrayEquals(new int[] {5, 6, 7, 8, 9, Batch.PAD_ID, Batch.PAD_ID, Batch.PAD_ID}, b.ids());
        assertArrayEquals(new int[] {x, x, x, 8, 9, x, x, x}, b.labels());
        assertArrayEquals(new float[] {0, 0, 0, 0.25f, 0.25f, 0, 0, 0}, b.labelWeights());
        assertEquals(0.5, b.weightSum());
        assertEquals(5, b.tokens());
    }

    @Test
    void promptTokensGetNoGradientOfTheirOwn() {
        // the batch gradient equals the token-count-weighted sum of single-example gradients whose labels
        // are the targets alone: neither the prompt positions nor the padding add anything
        DecoderModel model = TrainFixtures.tinyModel(3);
        List<Example> examples = TrainFixtures.examples(3, VOCAB, 4, "label");
        TrainFixtures.zeroGrads(model);
        new BatchLoss(model, TaskWeights.uniform(), 3, 8).run(examples, true);
        List<float[]> batchGrad = TrainFixtures.grads(model);

        TrainFixtures.zeroGrads(model);
        int total = examples.stream().mapToInt(Example::targetLength).sum();
        for (Example e : examples) {
            int[] ids = new int[e.length()];
            int[] labels = new int[e.length()];
            for (int i = 0; i < e.length(); i++) {
                ids[i] = e.token(i);
                labels[i] = i < e.promptLength() ? CrossEntropy.IGNORE_INDEX : e.token(i);
            }
            Elementwise.scale(model.loss(ids, labels, 1, e.length()), (float) e.targetLength() / total)
                    .backward();
        }
        double diff = TrainFixtures.relativeDifference(batchGrad, TrainFixtures.grads(model));
        assertTrue(diff < 1e-5, "relative gradient difference " + diff);
    }

    @Test
    void alphaWeightsCombineTheTaskMeans() {
        DecoderModel model = TrainFixtures.tinyModel(5);
        List<Example> examples =
                TrainFixtures.examples(7, VOCAB, 6, TaskWeights.RATIONALE, TaskWeights.LABEL, TaskWeights.RATIONALE);
        double alpha = 0.3;
        double expected = alpha * TrainFixtures.meanLoss(model, examples, TaskWeights.RATIONALE)
                + (1 - alpha) * TrainFixtures.meanLoss(model, examples, TaskWeights.LABEL);
        double loss = new BatchLoss(model, TaskWeights.fedCot(alpha), 7, 8)
                .run(examples, false)
                .loss();
        assertEquals(expected, loss, 1e-5);
        // a batch of one task is that task's mean, not alpha times it
        List<Example> labels = examples.stream()
                .filter(e -> e.task().equals(TaskWeights.LABEL))
                .toList();
        assertEquals(
                TrainFixtures.meanLoss(model, labels, null),
                new BatchLoss(model, TaskWeights.fedCot(alpha), 7, 8)
                        .run(labels, false)
                        .loss(),
                1e-5);
    }

    @Test
    void accumulatedMicroBatchesEqualOneBigBatch() {
        DecoderModel model = TrainFixtures.tinyModel(7);
        List<Example> examples =
                TrainFixtures.examples(8, VOCAB, 8, TaskWeights.RATIONALE, TaskWeights.LABEL, TaskWeights.LABEL);
        TaskWeights weights = TaskWeights.fedCot(0.7);
        TrainFixtures.zeroGrads(model);
        double whole = new BatchLoss(model, weights, 8, 8).run(examples, true).loss();
        List<float[]> wholeGrad = TrainFixtures.grads(model);
        for (int micro : new int[] {1, 2, 3}) {
            TrainFixtures.zeroGrads(model);
            double accumulated =
                    new BatchLoss(model, weights, micro, 8).run(examples, true).loss();
            assertEquals(whole, accumulated, 1e-6 * whole, "loss with micro-batches of " + micro);
            double diff = TrainFixtures.relativeDifference(TrainFixtures.grads(model), wholeGrad);
            assertTrue(diff < 1e-5, "micro-batches of " + micro + ": relative gradient difference " + diff);
        }
    }

    @Test
    void tokensOfZeroWeightAddNothing() {
        DecoderModel model = TrainFixtures.tinyModel(9);
        List<Example> examples = TrainFixtures.examples(4, VOCAB, 10, TaskWeights.RATIONALE, TaskWeights.LABEL);
        double loss = new BatchLoss(model, TaskWeights.fedCot(1.0), 1, 8)
                .run(examples, false)
                .loss();
        assertEquals(TrainFixtures.meanLoss(model, examples, TaskWeights.RATIONALE), loss, 1e-5);
        List<Example> labelsOnly = examples.stream()
                .filter(e -> e.task().equals(TaskWeights.LABEL))
                .toList();
        assertEquals(
                0.0,
                new BatchLoss(model, TaskWeights.fedCot(1.0), 1, 8)
                        .run(labelsOnly, false)
                        .loss());
    }

    @Test
    void anUnweightedTaskIsRefused() {
        TaskWeights w = TaskWeights.fedCot(0.5);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> w.tokenWeights(Map.of("summary", 3L)));
        assertTrue(e.getMessage().contains("summary"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskWeights.fedCot(1.5));
    }
}
