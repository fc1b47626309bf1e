package org.fedcot.pipeline.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.train.BatchSchedule;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.train.TrainerConfig;
import org.fedcot.pipeline.TinyRun;
import org.fedcot.pipeline.config.TrainSettings;
import org.fedcot.pipeline.slm.ExampleEncoder;
import org.fedcot.pipeline.stage.TrainingStage;
import org.junit.jupiter.api.Test;

/**
 * The task SLMs' training schedule is fair: for one seed and step count, Standalone, Non-Private and FedCoT-E
 * at two eps (methods with all, some or no rationales) see every label equally often, at the same steps, and
 * each rationale in the batch of its own label. Asserted on the batches the trainer takes.
 */
class FairScheduleTest {
    private static final int EXAMPLES = 10;
    private static final int BATCH = 4;
    /** 28 groups visited: two epochs and most of a third, so labels are seen 2 or 3 times. */
    private static final int STEPS = 7;

    @Test
    void everyMethodSeesEveryLabelEquallyOftenAtTheSameSteps() throws Exception {
        List<QaExample> examples = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            examples.add(new QaExample(
                    "q" + i, "how many apples in basket " + i + "?", null, List.of("two", "three"), i % 2));
        }
        ExampleEncoder encoder =
                new ExampleEncoder(Tokenizers.load(TinyRun.slmModel().resolve("tokenizer.json")), 64);
        Map<String, Map<String, String>> rationales = new LinkedHashMap<>();
        rationales.put("standalone", null);
        rationales.put("non-private", rationalesOf(examples, 1));
        rationales.put("fedcot-e-eps3", rationalesOf(examples, 2));
        rationales.put("fedcot-e-eps1", rationalesOf(examples, 3));
        TrainSettings settings = new TrainSettings(0.5, 1e-4, BATCH, 2, STEPS, null, 64, 5);

        Map<String, List<List<String>>> labelsByStep = new LinkedHashMap<>();
        for (var method : rationales.entrySet()) {
            TaskWeights weights = method.getValue() == null ? TaskWeights.uniform() : TaskWeights.fedCot(0.5);
            TrainerConfig config = TrainingStage.config(settings, STEPS, weights, 11);
            BatchSchedule schedule =
                    new BatchSchedule(TaskExamples.build(examples, method.getValue(), false, encoder), config);
            List<List<String>> steps = new ArrayList<>();
            for (int s = 0; s < STEPS; s++) {
                List<Example> batch = schedule.batch(s);
                List<String> labels = ids(batch, TaskWeights.LABEL);
                assertEquals(BATCH, labels.size(), method.getKey() + " step " + s + ": one label per group");
                assertTrue(
                        labels.containsAll(ids(batch, TaskWeights.RATIONALE)),
                        method.getKey() + " step " + s + ": a rationale trains beside its label");
                steps.add(labels);
            }
            labelsByStep.put(method.getKey(), steps);
        }
        List<List<String>> standalone = labelsByStep.get("standalone");
        labelsByStep.forEach((method, steps) -> assertEquals(standalone, steps, method + " visits other labels"));
        Map<String, Integer> seen = new TreeMap<>();
        standalone.forEach(step -> step.forEach(id -> seen.merge(id, 1, Integer::sum)));
        assertEquals(EXAMPLES, seen.size(), "every label is visited");
        assertEquals(
                List.of(2, 3),
                seen.values().stream().distinct().sorted().toList(),
                "28 visits of 10 labels: each 2 or 3 times, in epoch order");
    }

    /** A rationale for every {@code every}-th example. */
    private static Map<String, String> rationalesOf(List<QaExample> examples, int every) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i += every) {
            m.put(examples.get(i).id(), "there are " + i + " apples, so the answer is two");
        }
        return m;
    }

    /** The example ids (source before ':') of {@code task}'s examples in {@code batch}. */
    private static List<String> ids(List<Example> batch, String task) {
        return batch.stream()
                .filter(e -> e.task().equals(task))
                .map(e -> e.source().substring(0, e.source().indexOf(':')))
                .toList();
    }
}
