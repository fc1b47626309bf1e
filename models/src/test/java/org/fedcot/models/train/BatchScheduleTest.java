package org.fedcot.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.models.checkpoint.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups of examples train together: a step takes batchSize groups whole, and a checkpoint knows the grouping. */
class BatchScheduleTest {
    private static final int VOCAB = 37;

    @TempDir
    Path tmp;

    /** Five groups of a label and a rationale example each. */
    private static List<ExampleGroup> pairs() {
        List<Example> labels = TrainFixtures.examples(5, VOCAB, 3, TaskWeights.LABEL);
        List<Example> rationales = TrainFixtures.examples(5, VOCAB, 4, TaskWeights.RATIONALE);
        List<ExampleGroup> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(ExampleGroup.of(labels.get(i), rationales.get(i)));
        }
        return groups;
    }

    private static TrainerConfig config() {
        return TrainerConfig.builder(4)
                .batchSize(2)
                .microBatchSize(2)
                .learningRate(1e-3)
                .taskWeights(TaskWeights.fedCot(0.5))
                .seed(3)
                .checkpointEvery(2)
                .build();
    }

    @Test
    void aStepTakesWholeGroupsInTheOrderOfTheGroupsAlone() {
        List<ExampleGroup> groups = pairs();
        BatchSchedule grouped = new BatchSchedule(groups, config());
        // the same number of groups of single examples: the same order of group indices
        BatchSchedule singles = new BatchSchedule(
                groups.stream()
                        .map(g -> ExampleGroup.of(g.examples().getFirst()))
                        .toList(),
                config());
        for (int step = 0; step < 5; step++) {
            List<Example> batch = grouped.batch(step);
            assertEquals(4, batch.size(), "two groups of two");
            for (int i = 0; i < batch.size(); i += 2) {
                ExampleGroup g = new ExampleGroup(batch.subList(i, i + 2));
                assertTrue(groups.contains(g), "a group is split or mixed at step " + step);
            }
            List<Example> labels = batch.stream()
                    .filter(e -> e.task().equals(TaskWeights.LABEL))
                    .toList();
            assertEquals(singles.batch(step), labels);
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(List.of(), config()));
    }

    @Test
    void aCheckpointOfOtherGroupingIsNotResumed() throws IOException {
        Trainer grouped = Trainer.grouped(TrainFixtures.tinyModel(5), config(), pairs(), List.of());
        grouped.train(tmp.resolve("grouped"), TrainingListener.NONE);
        List<Example> flat =
                pairs().stream().flatMap(g -> g.examples().stream()).toList();
        Trainer ungrouped = new Trainer(TrainFixtures.tinyModel(5), config(), flat, List.of());
        CheckpointException e = assertThrows(
                CheckpointException.class,
                () -> ungrouped.resume(
                        Checkpoints.latest(tmp.resolve("grouped")).orElseThrow()));
        assertTrue(e.getMessage().contains("was trained on other data"), e.getMessage());
        Trainer same = Trainer.grouped(TrainFixtures.tinyModel(5), config(), pairs(), List.of());
        same.resume(Checkpoints.latest(tmp.resolve("grouped")).orElseThrow());
        assertEquals(4, same.step());
    }
}
